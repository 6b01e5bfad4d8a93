#!/bin/sh
# Adds a department account that reaches only the wizard on the reports in
# its own folder (docs/DEPLOY.md). Run as root, once per department:
#
#   deploy/add-department.sh ACCOUNT FOLDER [PUBLIC-KEY-FILE]
#
# - the groups nianbao-dept (department accounts: sshd's Match Group) and
#   nianbao-office (the office, who reads every report) are made if missing;
# - ACCOUNT is made if missing: shell /bin/sh (sshd runs the forced command
#   through it), member of nianbao-dept, no password (key logins only);
#   its home is /var/lib/nianbao/home, empty and root's: the account can
#   write nothing there (no ~/.pam_environment, no ~/.ssh), only reports in
#   FOLDER, through the wizard;
# - FOLDER is made, owned by ACCOUNT and the office's group, mode 2750: the
#   department writes, the office reads (new files take the folder's group),
#   other departments cannot even list it;
# - PUBLIC-KEY-FILE, if given, becomes /etc/nianbao/keys/ACCOUNT, root's,
#   mode 644 (sshd's AuthorizedKeysFile for department accounts);
# - the line ACCOUNT = "FOLDER" is added to the configuration file.
#
# NIANBAO_CONFIG, NIANBAO_KEYS, NIANBAO_HOME, NIANBAO_DEPT_GROUP and
# NIANBAO_OFFICE_GROUP change the file (/etc/nianbao/departments.toml), the
# keys folder (/etc/nianbao/keys), the home and the two group names.
set -eu
config=${NIANBAO_CONFIG:-/etc/nianbao/departments.toml}
keys=${NIANBAO_KEYS:-/etc/nianbao/keys}
home=${NIANBAO_HOME:-/var/lib/nianbao/home}
dept_group=${NIANBAO_DEPT_GROUP:-nianbao-dept}
office_group=${NIANBAO_OFFICE_GROUP:-nianbao-office}
if [ $# -lt 2 ] || [ $# -gt 3 ]; then
  echo "usage: $0 ACCOUNT FOLDER [PUBLIC-KEY-FILE]" >&2
  exit 2
fi
account=$1
folder=$2
key=${3:-}
case $folder in
  /*) ;;
  *) echo "$0: FOLDER must be an absolute path: $folder" >&2; exit 2 ;;
esac
case $folder in
  *'"'* | *'\'*) echo "$0: FOLDER must not hold \" or \\: $folder" >&2; exit 2 ;;
esac
if [ -n "$key" ] && [ ! -f "$key" ]; then
  echo "$0: no such key file: $key" >&2
  exit 2
fi
if [ -f "$config" ] && grep -q "^$account = " "$config"; then
  echo "$0: $account is already in $config" >&2
  exit 1
fi

getent group "$dept_group" >/dev/null || groupadd "$dept_group"
getent group "$office_group" >/dev/null || groupadd "$office_group"
mkdir -p "$home"
chown root:root "$home"
chmod 755 "$home"
if ! id "$account" >/dev/null 2>&1; then
  useradd --no-create-home --home-dir "$home" --shell /bin/sh "$account"
fi
usermod -a -G "$dept_group" --home "$home" "$account"
mkdir -p "$folder"
chown "$account:$office_group" "$folder"
chmod 2750 "$folder"

mkdir -p "$keys"
chown root:root "$keys"
chmod 755 "$keys"
if [ -n "$key" ]; then
  install -o root -g root -m 644 "$key" "$keys/$account"
fi

if [ ! -f "$config" ]; then
  mkdir -p "$(dirname "$config")"
  cat >"$config" <<'HEADER'
# nianbao edit --confine: the folder of each department account's reports.
# deploy/add-department.sh adds a line per account.
default_file = "report.toml"
# Each department may keep this many report files in its folder (*.toml),
# and the folder may grow to this many MiB; beyond, it is told to ask the
# office. A report file is at most 1 MiB.
max_reports = 5
max_folder_mib = 20

[accounts]
HEADER
  chmod 644 "$config"
fi
printf '%s = "%s"\n' "$account" "$folder" >>"$config"
echo "$account: $folder ($account:$office_group, 2750), home $home (root's), added to $config"
if [ -n "$key" ]; then
  echo "$account: key $keys/$account (root, 644)"
else
  echo "$account: no key yet; put its public key in $keys/$account (root, 644)"
fi
