#!/bin/sh
# Usage (as root, inside `unshare --mount --propagation private`): in-throwaway-root.sh ROOT COMMAND...
# Makes ROOT a system that dpkg can chroot into for maintainer scripts, then runs COMMAND (e.g. dpkg --root=ROOT
# -i x.deb). ROOT/usr is an overlay of this machine's /usr: the scripts run the real adduser, dpkg-statoverride
# and deb-systemd-helper, and whatever is written under /usr lands in ROOT/.usr-upper, never in /usr. ROOT/etc and
# ROOT/var are the throwaway root's own. The mounts end with the mount namespace, so nothing here outlives it.
set -eu
root="$1"
shift
mkdir -p "$root/usr" "$root/.usr-upper" "$root/.usr-work" "$root/dev" "$root/run" "$root/tmp" \
  "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates" "$root/var/log"
for link in bin sbin lib lib64; do
  [ -L "$root/$link" ] || [ ! -d "/usr/$link" ] || ln -s "usr/$link" "$root/$link"
done
[ -e "$root/var/lib/dpkg/status" ] || : > "$root/var/lib/dpkg/status"
[ -e "$root/var/lib/dpkg/available" ] || : > "$root/var/lib/dpkg/available"
mount -t overlay overlay -o "lowerdir=/usr,upperdir=$root/.usr-upper,workdir=$root/.usr-work" "$root/usr"
touch "$root/dev/null"
mount --bind /dev/null "$root/dev/null"
exec "$@"
