"""`manage.py db_worker`: django-tasks-db's worker, kept alive through a database restart.

The library's worker stops on the first `OperationalError` it meets while polling its queue (a
PostgreSQL restart, a failover): nothing would then run the index writes waiting in the outbox or
the emails, until someone restarts the container. This command takes the library's place (the
`hub` app comes before `django_tasks_db` in INSTALLED_APPS, so `db_worker` is this one: compose and
the docs keep their command) and, when the database goes away, drops its connections, waits a
moment and polls again. A task cut short by the outage stays claimed; what it was doing is safe
elsewhere (the search outbox is retried by the next sync, see `search.outbox`).
"""

import logging
import time

from django.db import InterfaceError, OperationalError, connections
from django_tasks_db.management.commands.db_worker import Command as LibraryWorkerCommand

logger = logging.getLogger("django_tasks")

RECONNECT_PAUSE = 1.0  # seconds between two attempts while the database is away


class Command(LibraryWorkerCommand):
    help = "Exécute les tâches en arrière-plan ; survit au redémarrage de la base de données."

    def handle(self, *args, **options):
        while True:
            try:
                return super().handle(*args, **options)
            except (OperationalError, InterfaceError) as exc:
                logger.warning("Base de données injoignable (%s) : nouvelle tentative dans %s s.", exc, RECONNECT_PAUSE)
                connections.close_all()
                time.sleep(RECONNECT_PAUSE)
