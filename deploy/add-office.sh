#!/bin/sh
# Adds an office account: an ordinary login that reads every department's
# reports (member of nianbao-office) and runs status, check and merge
# (docs/DEPLOY.md). Run as root, once per person in the office:
#
#   deploy/add-office.sh ACCOUNT [PUBLIC-KEY-FILE]
#
# - the group nianbao-office is made if missing;
# - ACCOUNT is made if missing, with a home of its own (mode 700) and the
#   shell /bin/bash, and added to nianbao-office;
# - PUBLIC-KEY-FILE, if given, becomes ~ACCOUNT/.ssh/authorized_keys,
#   the account's own, mode 600 in a folder of mode 700 (what sshd's
#   StrictModes asks).
#
# NIANBAO_OFFICE_GROUP changes the group's name.
set -eu
office_group=${NIANBAO_OFFICE_GROUP:-nianbao-office}
if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: $0 ACCOUNT [PUBLIC-KEY-FILE]" >&2
  exit 2
fi
account=$1
key=${2:-}
if [ -n "$key" ] && [ ! -f "$key" ]; then
  echo "$0: no such key file: $key" >&2
  exit 2
fi
getent group "$office_group" >/dev/null || groupadd "$office_group"
if ! id "$account" >/dev/null 2>&1; then
  useradd --create-home --shell /bin/bash "$account"
fi
usermod -a -G "$office_group" "$account"
home=$(getent passwd "$account" | cut -d: -f6)
chmod 700 "$home"
if [ -n "$key" ]; then
  install -d -o "$account" -g "$(id -gn "$account")" -m 700 "$home/.ssh"
  install -o "$account" -g "$(id -gn "$account")" -m 600 "$key" "$home/.ssh/authorized_keys"
fi
echo "$account: member of $office_group, home $home (700)${key:+, key in $home/.ssh/authorized_keys (600)}"
