"""The one task the workers run for background jobs (``manage.py db_worker``)."""

from django_tasks import task

from aihub.jobs import services


@task()
def run_job(job_id: str) -> str:
    """Run the queued job ``job_id``; see ``aihub.jobs.services.run``."""
    return services.run(job_id)
