package opsplay.lab;

import opsplay.core.Shell;

/**
 * The small bash scripts installed on the lab's hosts: one per simulated program, forwarding each
 * run to the {@link Gate} over bash's {@code /dev/tcp}; and {@code sudo} and {@code chown}, which
 * the lab cannot honour for real (it runs as one user, maybe not root).
 */
final class Shims {
  private Shims() {}

  /**
   * The shim for {@code program} on {@code host}. It captures the exported environment, switches
   * to the C locale so that {@code ${#x}} counts bytes, sends the request, then copies the answer:
   * {@code head -c} reads exactly the announced bytes, and a forever program is {@code cat} until
   * the caller stops it. Asked for input ({@code IN SECONDS}), it reads one line of its own stdin.
   */
  static String program(String host, String program, int gatePort) {
    return """
        #!/bin/bash
        # opsplay lab: this program is simulated by the lab process; this shim forwards each run to it.
        host=@HOST@ program=@PROGRAM@
        env=()
        for n in $(compgen -e); do env+=("$n=${!n}"); done
        LC_ALL=C
        if ! { exec 3<>/dev/tcp/127.0.0.1/@PORT@; } 2>/dev/null; then
          echo "$program: the opsplay lab that simulates $host is not running (nothing answers on 127.0.0.1:@PORT@)" >&2
          exit 255
        fi
        req="@MAGIC@ $((3 + $#)) ${#env[@]}"$'\\n'
        for f in "$host" "$program" "$PWD" "$@" "${env[@]}"; do req+="${#f}:$f"; done
        printf '%s' "$req" >&3
        while read -r rc outlen errlen mode <&3 && [ "$rc" = IN ]; do
          if IFS= read -r -t "$outlen" line; then printf 'L%s:%s' "${#line}" "$line" >&3; else printf 'E' >&3; fi
        done
        if [ -z "$mode" ]; then
          echo "$program: the opsplay lab did not answer" >&2
          exit 255
        fi
        [ "$outlen" -gt 0 ] && head -c "$outlen" <&3
        [ "$errlen" -gt 0 ] && head -c "$errlen" <&3 >&2
        [ "$mode" = forever ] && exec cat <&3
        exit "$rc"
        """
        .replace("@PORT@", Integer.toString(gatePort)).replace("@MAGIC@", Gate.MAGIC)
        .replace("@HOST@ program=@PROGRAM@", Shell.quote(host) + " program=" + Shell.quote(program));
  }

  /**
   * {@code sudo}: takes the usual options ({@code -n -H -E -S -u USER -g GROUP --} …) and
   * {@code NAME=VALUE} settings, then runs the command as the lab's own user.
   */
  static String sudo() {
    return """
        #!/bin/bash
        # opsplay lab: sudo accepts the usual options, then runs the command as the lab's own user.
        shell=0
        while [ $# -gt 0 ]; do
          case "$1" in
            --) shift; break ;;
            -u|-g|-p|-C|-U|-D|-R|-T|-r|-t|-h|--user|--group|--prompt|--close-from|--other-user|--chdir|--chroot|--command-timeout|--role|--type|--host)
              if [ $# -lt 2 ]; then echo "sudo: option requires an argument -- '${1#-}'" >&2; exit 1; fi
              shift 2 ;;
            -s|--shell|-i|--login) shell=1; shift ;;
            -v|--validate|-k|--reset-timestamp|-K|--remove-timestamp) [ $# -eq 1 ] && exit 0; shift ;;
            -V|--version) echo "Sudo version 1.9.13p3 (opsplay lab)"; exit 0 ;;
            -*) shift ;;
            *) break ;;
          esac
        done
        while [ $# -gt 0 ] && [[ $1 =~ ^[A-Za-z_][A-Za-z0-9_]*= ]]; do export "$1"; shift; done
        if [ $# -eq 0 ]; then
          [ $shell = 1 ] && exec "${SHELL:-/bin/sh}"
          echo "usage: sudo [-u user] [-g group] [-nHES] [--] command [arg ...]" >&2
          exit 1
        fi
        [ $shell = 1 ] && exec "${SHELL:-/bin/sh}" -c "$*"
        exec "$@"
        """;
  }

  /** {@code chown}: succeeds for paths that exist without changing them, fails like GNU chown for others. */
  static String chown() {
    return """
        #!/bin/bash
        # opsplay lab: chown checks that each path exists and changes nothing (the lab runs as one user).
        owner=; files=(); options=1
        for a in "$@"; do
          if [ $options = 1 ] && [ "$a" = -- ]; then options=0; continue; fi
          if [ $options = 1 ] && [[ $a == -?* ]]; then
            [[ $a == --reference=* ]] && owner=${a#--reference=}
            continue
          fi
          if [ -z "$owner" ]; then owner=$a; else files+=("$a"); fi
        done
        if [ -z "$owner" ]; then
          echo "chown: missing operand" >&2; echo "Try 'chown --help' for more information." >&2; exit 1
        fi
        if [ ${#files[@]} -eq 0 ]; then
          echo "chown: missing operand after '$owner'" >&2; echo "Try 'chown --help' for more information." >&2; exit 1
        fi
        rc=0
        for f in "${files[@]}"; do
          if [ ! -e "$f" ] && [ ! -L "$f" ]; then echo "chown: cannot access '$f': No such file or directory" >&2; rc=1; fi
        done
        exit $rc
        """;
  }
}
