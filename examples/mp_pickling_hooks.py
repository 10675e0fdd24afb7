# Lesson: how objects travel between processes (pickle), the hooks that control it, and why
# you must never unpickle data you don't trust.
#
# Everything sent through a multiprocessing Queue, Pipe, Pool or Manager, and a Process's
# target and arguments, is pickled by the sender and unpickled by the receiver. By default an
# instance is pickled as its class (by name: the receiver imports it) plus its __dict__. Hooks:
# - __getstate__ returns what to pickle instead of __dict__, and __setstate__ gets it back:
#   leave out what can't or shouldn't travel (locks, open files, caches) and rebuild it.
# - __reduce__ returns (callable, args): the receiver calls callable(*args) to rebuild the
#   object. Handy for objects made by a factory, or that need their constructor to run.
import multiprocessing as mp
import pickle
import threading


class Account:
    """Has a lock, which can't be pickled: __getstate__ leaves it out, __setstate__ makes a
    fresh one (a lock held in one process means nothing in another)."""

    def __init__(self, owner, balance):
        self.owner = owner
        self.balance = balance
        self._lock = threading.Lock()

    def __getstate__(self):
        state = self.__dict__.copy()
        del state["_lock"]
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._lock = threading.Lock()

    def deposit(self, amount):
        with self._lock:
            self.balance += amount


class Temperature:
    """Stored in kelvin; __reduce__ rebuilds it through the constructor, with its arguments."""

    def __init__(self, celsius):
        self.kelvin = celsius + 273.15

    def __reduce__(self):
        return (Temperature, (round(self.kelvin - 273.15, 2),))

    def __repr__(self):
        return "Temperature(%.2f C)" % (self.kelvin - 273.15)


def in_child(account, temperature, results):
    account.deposit(50)  # works: the child's copy has a lock of its own
    results.put((account.owner, account.balance, repr(temperature)))


class Harmless:
    """What an attacker's pickle could look like: __reduce__ can name ANY callable."""

    def __reduce__(self):
        return (print, ("this ran while unpickling: it could have been os.system('rm -rf ~')",))


if __name__ == "__main__":
    account = Account("ada", 100)
    copy = pickle.loads(pickle.dumps(account))
    print("round trip:", copy.owner, copy.balance, "has a new lock:", copy._lock is not account._lock)
    try:
        pickle.dumps(threading.Lock())
    except TypeError as e:
        print("a bare lock:", e)

    # The same hooks run when objects cross to a child process. The child changes its copy
    # only: the parent's account keeps its balance.
    results = mp.Queue()
    child = mp.Process(target=in_child, args=(account, Temperature(21.5), results))
    child.start()
    print("child saw:", results.get(timeout=30))
    child.join()
    print("parent still has:", account.balance)

    # Why unpickling untrusted data is unsafe: the bytes say which callable to call with which
    # arguments, and loads() calls it. A malicious pickle can run any code with your rights.
    # Only unpickle what you or a trusted peer made; a multiprocessing Listener/Manager with
    # an authkey checks the peer knows the secret before unpickling anything it sends.
    # For data from strangers, use a data-only format such as json.
    payload = pickle.dumps(Harmless())
    result = pickle.loads(payload)
    print("loads() returned", result)
