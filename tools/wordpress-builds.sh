#!/usr/bin/env bash
# Fetches the WordPress builds the plugin's real-WordPress tests run (test/plugin/real-wordpress.ts)
# into .cache/wordpress-builds: WordPress 6.3 (the plugin's minimum) and 6.5, and the SQLite
# Database Integration plugin, from the npm package @wp-playground/wordpress-builds (the same PHP
# files as wordpress.org's). That package is about 160 MB to download and 380 MB unpacked, of which
# the tests use 20 MB, so it is no dependency of the project: run this once (CI does) and the tests
# find it. Also needs Debian's php-cli and php-sqlite3.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=0.9.19
DEST=.cache/wordpress-builds
[ -f "$DEST/package.json" ] && grep -q "\"version\": \"$VERSION\"" "$DEST/package.json" && exit 0
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
echo "fetching @wp-playground/wordpress-builds@$VERSION (about 160 MB) for the real-WordPress plugin tests"
(cd "$WORK" && npm pack --silent "@wp-playground/wordpress-builds@$VERSION" >/dev/null)
tar -xzf "$WORK"/*.tgz -C "$WORK" package/package.json package/src/wordpress/wp-6.3.zip package/src/wordpress/wp-6.5.zip package/src/sqlite-database-integration/sqlite-database-integration.zip
rm -rf "$DEST" && mkdir -p .cache && mv "$WORK/package" "$DEST"
