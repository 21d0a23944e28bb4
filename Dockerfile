# The app for self-hosting: `docker build -t rag-vs-ft . && docker run -p 8501:8501 rag-vs-ft`.
# CI lints this file (hadolint, in `make test`) but cannot build it: no base image can be pulled there.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# A user without privileges runs the app; the code stays owned by root, read-only to it.
RUN useradd --create-home --uid 10001 app
WORKDIR /app

# Requirements first, so a code change does not reinstall them.
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY . .
USER 10001

EXPOSE 8501
# Streamlit's own health endpoint; python is in the image, curl is not.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4)"]

# As `make run`, but listening on every interface of the container (config.toml says loopback).
CMD ["streamlit", "run", "app.py", "--server.address=0.0.0.0"]
