"""Runs a program on a pseudo-terminal and plays a script of keystrokes against it, for
tests/cli.rs (the REPL needs a real terminal: line editing, Ctrl-C, Ctrl-D, Tab).

    python3 pty_driver.py STEPS_JSON PROGRAM [ARG...]

STEPS_JSON is a list of [action, text] pairs:
  ["send", text]    write text to the terminal (use "\\r" for Enter, "\\x03" for Ctrl-C)
  ["expect", text]  wait until text appears in the output after the previous match
  ["sleep", secs]   pause
At the end the driver waits for the program to exit. It prints `STATUS <code>` (or
`SIGNAL <n>`) and the transcript with terminal escape sequences removed; it exits 1 when an
expectation times out or the program does not exit.
"""

import json
import os
import pty
import re
import select
import sys
import time

TIMEOUT = 20.0
ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Za-z0-9]|\x1b[=>]")


def clean(raw):
    return ESCAPES.sub("", raw.decode("utf-8", "replace")).replace("\r", "")


def main():
    steps = json.loads(sys.argv[1])
    program = sys.argv[2:]
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(program[0], program)
    raw = b""
    matched_until = 0

    def pump(deadline):
        nonlocal raw
        ready, _, _ = select.select([fd], [], [], max(0.0, min(0.05, deadline - time.time())))
        if ready:
            try:
                data = os.read(fd, 4096)
            except OSError:
                return False
            if not data:
                return False
            raw += data
        return True

    def fail(why):
        sys.stdout.write(f"FAILED {why}\n--- transcript ---\n{clean(raw)}\n")
        sys.stdout.flush()
        try:
            os.kill(pid, 9)
        except ProcessLookupError:
            pass
        sys.exit(1)

    for action, arg in steps:
        if action == "send":
            os.write(fd, arg.encode())
        elif action == "sleep":
            end = time.time() + float(arg)
            while time.time() < end and pump(end):
                pass
        elif action == "expect":
            deadline = time.time() + TIMEOUT
            while True:
                found = clean(raw).find(arg, matched_until)
                if found >= 0:
                    matched_until = found + len(arg)
                    break
                if time.time() > deadline or not pump(deadline):
                    fail(f"expecting {arg!r}")
        else:
            fail(f"unknown action {action!r}")
    deadline = time.time() + TIMEOUT
    while time.time() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            while pump(time.time() + 0.1):
                if not select.select([fd], [], [], 0.1)[0]:
                    break
            if os.WIFSIGNALED(status):
                print(f"SIGNAL {os.WTERMSIG(status)}")
            else:
                print(f"STATUS {os.WEXITSTATUS(status)}")
            print("--- transcript ---")
            print(clean(raw))
            return
        pump(deadline)
    fail("program did not exit")


if __name__ == "__main__":
    main()
