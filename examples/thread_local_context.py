# Lesson: threading.local keeps per-thread context (here, the request being handled) without
# passing it through every function call.
import threading

context = threading.local()
log = []
log_lock = threading.Lock()


def audit(message):
    # Deep in the call stack, yet it knows which request it is working for.
    user = getattr(context, "user", "nobody")
    with log_lock:
        log.append("[%s] %s: %s" % (context.request_id, user, message))


def load_profile():
    audit("loading profile")


def handle(request_id, user):
    context.request_id = request_id
    context.user = user
    load_profile()
    audit("done")


threads = [threading.Thread(target=handle, args=(i, user))
           for i, user in enumerate(["ann", "bob", "cy"], start=1)]
for t in threads:
    t.start()
for t in threads:
    t.join()
for line in sorted(log):
    print(line)
print("the main thread has its own, empty context:", hasattr(context, "request_id"))


class RequestContext(threading.local):
    # A subclass's __init__ runs again in every thread that uses the object.
    def __init__(self):
        self.request_id = "unset"


ctx = RequestContext()
seen = []
t = threading.Thread(target=lambda: seen.append(ctx.request_id))
t.start()
t.join()
ctx.request_id = "main"
print("a new thread starts with:", seen[0], "| main now has:", ctx.request_id)
