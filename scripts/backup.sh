#!/usr/bin/env bash
# Back up what the site cannot rebuild: the PostgreSQL database (pg_dump, custom format) and the
# private files (applicants' CVs, as a tar), into a new dated folder under TARGET_DIR, with
# their checksums. Reads DATABASE_URL and PRIVATE_MEDIA_ROOT as the site does. See docs/backups.md.
#
#   DATABASE_URL=postgres://... PRIVATE_MEDIA_ROOT=/srv/diplomat/private scripts/backup.sh /backups
set -euo pipefail

target=${1:?usage: scripts/backup.sh TARGET_DIR}
: "${DATABASE_URL:?set DATABASE_URL to the site's PostgreSQL database}"
: "${PRIVATE_MEDIA_ROOT:?set PRIVATE_MEDIA_ROOT to the site's private files folder}"

# DATABASE_URL may carry Django's own options (?conn_max_age=600), which libpq refuses.
url=$(printf '%s' "$DATABASE_URL" | sed -E \
  -e 's#^(pgsql|psql|postgis)://#postgresql://#' \
  -e 's/([?&])(conn_max_age|conn_health_checks|atomic_requests|autocommit|disable_server_side_cursors)=[^&]*/\1/gI' \
  -e 's/&+/\&/g; s/\?&/?/; s/[?&]$//')

# The backup holds personal data: readable by its owner only.
umask 077
folder="$target/diplomat-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$target"
mkdir "$folder"

# The database first, then the files: a CV is written before its row, so every row in the dump
# has its file in the tar (a file newer than the dump is only an unused extra).
pg_dump --format=custom --no-owner --no-privileges --file="$folder/database.dump" "$url"
if [ -d "$PRIVATE_MEDIA_ROOT" ]; then
  tar --create --gzip --file="$folder/private-files.tar.gz" --directory="$PRIVATE_MEDIA_ROOT" .
else
  tar --create --gzip --file="$folder/private-files.tar.gz" --files-from=/dev/null
fi
(cd "$folder" && sha256sum database.dump private-files.tar.gz >SHA256SUMS)
echo "$folder"
