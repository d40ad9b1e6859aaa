# "7 May 1989" reads the same to every English reader, unlike "May 7, 1989" or "7/5/1989".
from django.conf.locale.en.formats import *  # noqa: F403

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
