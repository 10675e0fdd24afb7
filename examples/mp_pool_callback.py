# Lesson: a Pool of worker processes, apply_async and callbacks.
#
# A Pool starts its workers once and hands them tasks: cheaper than one Process per task.
# apply_async(func, args) returns at once with an AsyncResult; get() waits for the value (and
# re-raises the task's exception, if it raised one). A callback runs in the parent, in the
# pool's result thread, as each result arrives: keep it short, and don't block in it.
# error_callback gets the exception of a failed task. The `with` block terminates the pool at
# its end; close() + join() would instead let queued tasks finish first.
import multiprocessing as mp
import threading


def slow_square(x):
    if x == 5:
        raise ValueError("five is not welcome")
    return x * x


collected = []
collected_lock = threading.Lock()  # callbacks run in another thread than the main one


def on_result(value):
    with collected_lock:
        collected.append(value)


def on_error(exc):
    with collected_lock:
        collected.append("error: %r" % exc)


if __name__ == "__main__":
    with mp.Pool(processes=3) as pool:
        results = [pool.apply_async(slow_square, (x,), callback=on_result, error_callback=on_error)
                   for x in range(8)]
        for x, r in enumerate(results):
            try:
                print(x, "->", r.get(timeout=30))
            except ValueError as e:
                print(x, "-> raised", repr(e))

        # map splits an iterable over the workers and keeps the order.
        print("map:", pool.map(abs, [-3, -2, -1, 0, 1]))

    # Callbacks came in completion order, which varies: sort to compare.
    print("callbacks saw:", sorted(collected, key=str))
