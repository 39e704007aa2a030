"""cybertip-monitor: watches NCMEC CyberTipline publications for outcome figures."""

__version__ = "0.1.0"
