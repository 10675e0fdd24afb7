# multiprocessing.popen_fork: the 'fork' start method. The child is a copy of this process made
# by os.fork(): it runs the Process's _bootstrap() on the objects it already has (nothing is
# pickled, so lambdas and closures work as targets) and leaves with os._exit(), skipping the
# parent's exit handlers. The sentinel is a pidfd (readable once the child has ended), or, on
# kernels without pidfd_open, the read end of a pipe whose write end only the child holds.
import os
import sys
import _multiprocessing as _mp

SIGTERM = 15
SIGKILL = 9


def _flush_std_streams():
    # Text still buffered would otherwise be written twice, by the parent and by the child.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass


def _have_pidfd():
    try:
        fd = os.pidfd_open(os.getpid())
    except OSError:
        return False
    os.close(fd)
    return True


_HAVE_PIDFD = _have_pidfd()


class ForkPopen:
    method = "fork"

    def __init__(self, process_obj):
        _flush_std_streams()
        self.returncode = None
        self._pipe_w = None
        self._launch(process_obj)

    def _launch(self, process_obj):
        pipe_r = None
        use_pidfd = _HAVE_PIDFD
        if not use_pidfd:
            pipe_r, self._pipe_w = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:
            code = 1
            try:
                if pipe_r is not None:
                    os.close(pipe_r)
                code = _child_main(process_obj)
            finally:
                os._exit(code)
        if use_pidfd:
            self.sentinel = os.pidfd_open(self.pid)
        else:
            os.close(self._pipe_w)
            self._pipe_w = None
            self.sentinel = pipe_r

    def poll(self, flag=os.WNOHANG):
        if self.returncode is None:
            try:
                pid, status = os.waitpid(self.pid, flag)
            except OSError:
                return None
            if pid == self.pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout=None):
        if self.returncode is None:
            if timeout is not None:
                if not _mp.wait_fds([self.sentinel], timeout):
                    return None
            return self.poll(0)
        return self.returncode

    def _send_signal(self, sig):
        if self.returncode is None:
            try:
                os.kill(self.pid, sig)
            except ProcessLookupError:
                pass
            except OSError:
                if self.wait(timeout=0.1) is None:
                    raise

    def terminate(self):
        self._send_signal(SIGTERM)

    def kill(self):
        self._send_signal(SIGKILL)

    def close(self):
        if self.sentinel is not None:
            os.close(self.sentinel)
            self.sentinel = None

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass


def _child_main(process_obj):
    from multiprocessing import util
    # The parent's exit hooks are the parent's: its queue feeders' threads do not exist here, and
    # what it cleans up at exit (temporary files) is not ours to remove (as CPython clears
    # util._finalizer_registry in a forked child).
    for hooks in ("_finalizers", "_late_finalizers"):
        getattr(util, hooks, []).clear()
    util._exiting[0] = False
    code = process_obj._bootstrap()
    # As CPython's _bootstrap: wait for the non-daemon threads the target started (os._exit
    # follows, which would otherwise cut them off).
    threading = sys.modules.get("threading")
    if threading is not None:
        try:
            threading._shutdown()
        finally:
            _flush_std_streams()
    return code
