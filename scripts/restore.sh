#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh: the database into DATABASE_URL (an existing, empty
# database), the private files into PRIVATE_MEDIA_ROOT. Refuses a backup whose checksums do not
# match. See docs/backups.md.
#
#   DATABASE_URL=postgres://... PRIVATE_MEDIA_ROOT=/srv/diplomat/private \
#     scripts/restore.sh /backups/diplomat-20260101T020000Z
set -euo pipefail

backup=${1:?usage: scripts/restore.sh BACKUP_DIR}
: "${DATABASE_URL:?set DATABASE_URL to the database to restore into}"
: "${PRIVATE_MEDIA_ROOT:?set PRIVATE_MEDIA_ROOT to the folder to restore the private files into}"

url=$(printf '%s' "$DATABASE_URL" | sed -E \
  -e 's#^(pgsql|psql|postgis)://#postgresql://#' \
  -e 's/([?&])(conn_max_age|conn_health_checks|atomic_requests|autocommit|disable_server_side_cursors)=[^&]*/\1/gI' \
  -e 's/&+/\&/g; s/\?&/?/; s/[?&]$//')

# A damaged or incomplete backup stops here, before anything is changed.
(cd "$backup" && sha256sum --check --quiet --strict SHA256SUMS)

# One transaction: the database is restored whole or not at all.
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction \
  --dbname="$url" "$backup/database.dump"

umask 077
mkdir -p "$PRIVATE_MEDIA_ROOT"
tar --extract --gzip --file="$backup/private-files.tar.gz" --directory="$PRIVATE_MEDIA_ROOT" \
  --no-same-owner
echo "Restored $backup"
