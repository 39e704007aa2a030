# cybertip-monitor: the daemon in a container.
#   docker build -t cybertip-monitor .
#   docker run -d --env-file .env -v "$PWD/config.yaml:/app/config.yaml:ro" \
#     -v cybertip-state:/app/state cybertip-monitor
# Stage 1 builds wheels (lxml etc. come as wheels; build tools stay in this stage).
FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY pyproject.toml README.md LICENSE ./
COPY monitor ./monitor
RUN python -m venv /opt/venv \
    && /opt/venv/bin/pip install . \
    && /opt/venv/bin/pip uninstall -y pip setuptools

# Stage 2: the runtime, no compilers, no pip; runs as an unprivileged user.
FROM python:3.11-slim
LABEL org.opencontainers.image.title="cybertip-monitor" \
      org.opencontainers.image.description="Alerts when NCMEC CyberTipline outcome figures appear or change" \
      org.opencontainers.image.licenses="MIT"
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1
RUN groupadd --system --gid 10001 monitor \
    && useradd --system --uid 10001 --gid monitor --home-dir /app --shell /usr/sbin/nologin monitor \
    && mkdir -p /app/state \
    && chown monitor:monitor /app/state
COPY --from=build /opt/venv /opt/venv
COPY --chown=root:root config.yaml /app/config.yaml
WORKDIR /app
USER 10001:10001
# config.yaml (state_dir: state) is read from /app; mount yours read-only over it.
VOLUME ["/app/state"]
# The read-only web view: `monitor serve --host 0.0.0.0` (needs WEB_TOKEN: web.token), or
# `monitor run` with web.listen; docker-compose.yml publishes it on the host's 127.0.0.1 only.
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
    CMD ["monitor", "health"]
ENTRYPOINT ["monitor"]
CMD ["run"]
