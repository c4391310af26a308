# Production image: gunicorn serving hub.settings.production. Static files built at image time.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=hub.settings.production
RUN apt-get update && apt-get install -y --no-install-recommends gettext libpq5 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN SECRET_KEY=build-only-not-secret-000000000000000000000000000000000 python manage.py compilemessages -v0 \
 && SECRET_KEY=build-only-not-secret-000000000000000000000000000000000 python manage.py collectstatic --no-input -v0
RUN useradd --create-home hub && chown -R hub /app
USER hub
EXPOSE 8000
CMD ["gunicorn", "hub.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
