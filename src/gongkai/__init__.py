"""gongkai: government information disclosure (政府信息公开)."""

__version__ = "0.1.0"
