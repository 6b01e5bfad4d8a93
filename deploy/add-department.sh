#!/bin/sh
# Adds a department account that reaches only the wizard on the reports in
# its own folder (docs/DEPLOY.md). Run as root, once per department:
#
#   deploy/add-department.sh ACCOUNT FOLDER
#
# - the groups nianbao-dept (department accounts: sshd's Match Group) and
#   nianbao-office (the office, who reads every report) are made if missing;
# - ACCOUNT is made if missing: shell /bin/sh (sshd runs the forced command
#   through it), home FOLDER, member of nianbao-dept, no password yet;
# - FOLDER is made, owned by ACCOUNT and the office's group, mode 2750: the
#   department writes, the office reads (new files take the folder's group),
#   other departments cannot even list it;
# - the line ACCOUNT = "FOLDER" is added to the configuration file.
#
# NIANBAO_CONFIG, NIANBAO_DEPT_GROUP and NIANBAO_OFFICE_GROUP change the
# file (/etc/nianbao/departments.toml) and the two group names.
set -eu
config=${NIANBAO_CONFIG:-/etc/nianbao/departments.toml}
dept_group=${NIANBAO_DEPT_GROUP:-nianbao-dept}
office_group=${NIANBAO_OFFICE_GROUP:-nianbao-office}
if [ $# -ne 2 ]; then
  echo "usage: $0 ACCOUNT FOLDER" >&2
  exit 2
fi
account=$1
folder=$2
case $folder in
  /*) ;;
  *) echo "$0: FOLDER must be an absolute path: $folder" >&2; exit 2 ;;
esac
case $folder in
  *'"'* | *'\'*) echo "$0: FOLDER must not hold \" or \\: $folder" >&2; exit 2 ;;
esac
if [ -f "$config" ] && grep -q "^$account = " "$config"; then
  echo "$0: $account is already in $config" >&2
  exit 1
fi

getent group "$dept_group" >/dev/null || groupadd "$dept_group"
getent group "$office_group" >/dev/null || groupadd "$office_group"
if ! id "$account" >/dev/null 2>&1; then
  useradd --no-create-home --home-dir "$folder" --shell /bin/sh "$account"
fi
usermod -a -G "$dept_group" "$account"
mkdir -p "$folder"
chown "$account:$office_group" "$folder"
chmod 2750 "$folder"

if [ ! -f "$config" ]; then
  mkdir -p "$(dirname "$config")"
  cat >"$config" <<'HEADER'
# nianbao edit --confine: the folder of each department account's reports.
# deploy/add-department.sh adds a line per account.
default_file = "report.toml"

[accounts]
HEADER
  chmod 644 "$config"
fi
printf '%s = "%s"\n' "$account" "$folder" >>"$config"
echo "$account: $folder ($account:$office_group, 2750), added to $config"
