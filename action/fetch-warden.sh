#!/bin/sh
# Prints the path of warden-$WARDEN_VERSION.jar: downloaded from $WARDEN_RELEASE_URL (that jar and its .sha256),
# checksum verified, and cached by version under $WARDEN_CACHE_DIR; a cached jar is verified again before use.
# On any failure one line on stderr and exit 2: a jar whose checksum does not match is never run.
# POSIX sh: the GitHub Action runs it, and the GitLab CI template (action/gitlab/) carries the same function.
# >>> fetch_warden
fetch_warden() {
  v="${WARDEN_VERSION:-}"
  case "$v" in ""|*[!0-9A-Za-z._-]*) echo "warden: WARDEN_VERSION '$v' is not a version such as 0.1.0" >&2; return 2;; esac
  url="${WARDEN_RELEASE_URL:-}"
  url="${url%/}"
  [ -n "$url" ] || { echo "warden: WARDEN_RELEASE_URL is empty: set it to the release's download folder" >&2; return 2; }
  name="warden-$v.jar"
  dir="${WARDEN_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/schema-warden}/$v"
  if command -v sha256sum >/dev/null 2>&1; then hash="sha256sum"; else hash="shasum -a 256"; fi
  if [ -f "$dir/$name" ] && [ -f "$dir/$name.sha256" ] \
      && [ "$($hash "$dir/$name" | cut -d' ' -f1)" = "$(cut -d' ' -f1 "$dir/$name.sha256")" ]; then
    echo "warden: using $name from the cache ($dir)" >&2
    echo "$dir/$name"
    return 0
  fi
  mkdir -p "$dir" || { echo "warden: cannot create the cache folder $dir" >&2; return 2; }
  tmp="$(mktemp -d "$dir/.download.XXXXXX")" || return 2
  if ! curl -fsSL --retry 3 --connect-timeout 20 -o "$tmp/$name.sha256" "$url/$name.sha256" \
      || ! curl -fsSL --retry 3 --connect-timeout 20 -o "$tmp/$name" "$url/$name"; then
    rm -rf "$tmp"
    echo "warden: cannot download $url/$name and its .sha256: check the version and the release URL" >&2
    return 2
  fi
  expected="$(cut -d' ' -f1 "$tmp/$name.sha256" | tr 'A-F' 'a-f')"
  actual="$($hash "$tmp/$name" | cut -d' ' -f1)"
  case "$expected" in *[!0-9a-f]*|"") expected="(not a SHA-256)";; esac
  if [ "${#expected}" -ne 64 ] || [ "$expected" != "$actual" ]; then
    rm -rf "$tmp"
    echo "warden: refusing to run $name from $url: its SHA-256 is $actual but $name.sha256 says $expected" >&2
    return 2
  fi
  echo "$expected  $name" > "$tmp/$name.sha256"
  mv -f "$tmp/$name" "$dir/$name" && mv -f "$tmp/$name.sha256" "$dir/$name.sha256"
  rm -rf "$tmp"
  echo "warden: downloaded $name from $url (SHA-256 $expected verified)" >&2
  echo "$dir/$name"
}
# <<< fetch_warden
fetch_warden
