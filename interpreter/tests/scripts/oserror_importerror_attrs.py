# OSError/ImportError attributes and messages, errno -> subclass mapping,
# the OSError subclasses as builtins, locals()/dir() at module level.
e=OSError(2,'x','f'); print(type(e).__name__, e.errno, e.filename, e.args, str(e), repr(e))
print(str(OSError('a')), repr(str(OSError())), str(OSError(1,2,3,4,5)), OSError(1,2,3,4,5).args)
print(ImportError('x', name='n').name, ImportError('y').msg)
class E(OSError): pass
print(str(E(3,'z')), type(OSError(13, 'p')).__name__, type(OSError(99, 'p')).__name__)
try:
    open('/nonexistent/x')
except OSError as e:
    print(type(e).__name__, e.errno, e.strerror, e.filename, e)
try:
    import nosuchmod
except ImportError as e:
    print(type(e).__name__, e.name, e)
print(issubclass(BrokenPipeError, ConnectionError), BlockingIOError.__mro__)
x = 1
print('x' in locals(), 'x' in dir(), [n for n in dir() if n == 'x'])
import io; print(io.BlockingIOError is BlockingIOError)
