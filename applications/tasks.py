from django_tasks import task

from applications.emails import deliver


@task(backend="applications", queue_name="applications")
def send_applicant_email(email_id: int) -> bool:
    return deliver(email_id)
