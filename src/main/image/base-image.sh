#!/usr/bin/env bash
# Builds the base of Countersign's container image as a `docker save` tarball, without a daemon or
# a registry: a Java runtime made by jlink, the shared objects it loads (glibc, libstdc++, zlib)
# copied from this machine, a passwd entry for the unprivileged user and a health check that uses
# the runtime itself (there is no shell or curl in the image). Jib adds the application on top.
#
#   base-image.sh <java home with jmods> <output directory>
set -euo pipefail

java_home=$1
out=$2
modules=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml,jdk.crypto.ec,jdk.charsets,jdk.localedata,jdk.management,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs

rm -rf "$out"
root="$out/rootfs"
mkdir -p "$root/etc"

"$java_home/bin/jlink" --add-modules "$modules" --include-locales=en --strip-debug --no-header-files \
  --no-man-pages --compress=2 --output "$root/opt/java"
# jlink copies a distribution's symbolic links to /etc as they are; the image needs the files
for link in $(find "$root/opt/java" -type l); do
  cp --remove-destination "$(readlink -f "$link")" "$link"
done

# a server has no display, sound or fonts: leave out the AWT natives and the X11 libraries they load
rm -f "$root"/opt/java/lib/{libawt_xawt,libawt,libawt_headless,libfontmanager,libjawt,libjavajpeg,libjsound,liblcms,libmlib_image,libsplashscreen}.so

# every shared object the runtime loads, at the path the dynamic loader looks for it
for object in $( (find "$root/opt/java" -name '*.so' -o -path '*/bin/*' -type f) | xargs ldd 2>/dev/null \
  | awk '/=> \// {print $3} /^\t\/lib/ {print $1}' | grep -v "^$root" | sort -u); do
  mkdir -p "$root$(dirname "$object")"
  cp -L "$object" "$root$object"
done
if [ -d /lib64 ] && [ ! -L "$root/lib64" ] && [ -e /lib64/ld-linux-x86-64.so.2 ]; then
  mkdir -p "$root/lib64"
  cp -L /lib64/ld-linux-x86-64.so.2 "$root/lib64/"
fi

printf 'root:x:0:0:root:/root:/sbin/nologin\ncountersign:x:65532:65532:Countersign:/app/data:/sbin/nologin\n' \
  >"$root/etc/passwd"
printf 'root:x:0:\ncountersign:x:65532:\n' >"$root/etc/group"

# one reproducible layer: fixed owner, order and timestamps
layer="$out/layer.tar"
# ./data (the working directory is /app) is the only place the unprivileged user may write
mkdir -p "$root/app/data"
chmod 700 "$root/app/data"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime='1970-01-01 00:00:01Z' -C "$root" -cf "$layer" \
  --exclude=./app/data .
tar --owner=65532 --group=65532 --numeric-owner --mtime='1970-01-01 00:00:01Z' -C "$root" -rf "$layer" ./app/data
diff_id="sha256:$(sha256sum "$layer" | cut -d' ' -f1)"

cat >"$out/config.json" <<JSON
{
  "architecture": "amd64",
  "os": "linux",
  "created": "1970-01-01T00:00:01Z",
  "config": {
    "Env": ["PATH=/opt/java/bin", "JAVA_HOME=/opt/java"],
    "Healthcheck": {
      "Test": ["CMD", "/opt/java/bin/java", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Xshare:auto",
               "-cp", "/app/classes", "io.countersign.ReadinessProbe"],
      "Interval": 30000000000,
      "Timeout": 10000000000,
      "StartPeriod": 60000000000,
      "Retries": 3
    }
  },
  "rootfs": {"type": "layers", "diff_ids": ["$diff_id"]},
  "history": [{"created": "1970-01-01T00:00:01Z", "created_by": "src/main/image/base-image.sh"}]
}
JSON
printf '[{"Config":"config.json","RepoTags":["countersign-base:latest"],"Layers":["layer.tar"]}]\n' \
  >"$out/manifest.json"
tar --owner=0 --group=0 --numeric-owner -C "$out" -cf "$out/base.tar" manifest.json config.json layer.tar
rm -rf "$root"
