# _socket on libc: socketpair, TCP and UDP on loopback, timeouts, errors,
# getaddrinfo, the socket module's wrappers (makefile, create_connection).
# requires: stdlib
# torture: 50
import socket, errno, selectors

a, b = socket.socketpair()
print(a.family, a.type, isinstance(a, socket.socket))
a.sendall(b"ping")
print(b.recv(10))
b.settimeout(0.05)
try:
    b.recv(10)
except TimeoutError as e:
    print("timeout:", e, isinstance(e, socket.timeout))
b.setblocking(False)
try:
    b.recv(10)
except BlockingIOError as e:
    print("BlockingIOError", e.errno == errno.EAGAIN)
print(b.gettimeout(), b.getblocking())
a.close(); b.close()
print(a.fileno())
try:
    a.send(b"x")
except OSError as e:
    print(type(e).__name__, e.errno)

srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
print(srv.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR) != 0)
srv.bind(("127.0.0.1", 0))
srv.listen()
host, port = srv.getsockname()
print(host, port > 0)
cli = socket.create_connection((host, port), timeout=5)
conn, addr = srv.accept()
print(addr[0], addr[1] == cli.getsockname()[1], conn.getpeername() == cli.getsockname())
cli.sendall(b"hello " * 1000)
got = b""
while len(got) < 6000:
    got += conn.recv(4096)
print(len(got), got[:12])
f = conn.makefile("rwb")
cli.sendall(b"line one\nline two\n")
print(f.readline(), f.readline())
f.write(b"reply\n"); f.flush()
print(cli.recv(100))
f.close()
conn.shutdown(socket.SHUT_WR)
print(cli.recv(100))
for s in (conn, cli, srv):
    s.close()

try:
    socket.create_connection(("127.0.0.1", port), timeout=5)
except ConnectionRefusedError as e:
    print("refused", e.errno == errno.ECONNREFUSED)

u1 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u2 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u1.bind(("127.0.0.1", 0))
u2.sendto(b"datagram", u1.getsockname())
data, frm = u1.recvfrom(100)
print(data, frm == u2.getsockname())
u1.close(); u2.close()

sel = selectors.DefaultSelector()
a, b = socket.socketpair()
sel.register(b, selectors.EVENT_READ, "b")
print(sel.select(0))
a.send(b"!")
print([(k.data, ev) for k, ev in sel.select(1)])
sel.close(); a.close(); b.close()

infos = socket.getaddrinfo("127.0.0.1", 80, socket.AF_INET, socket.SOCK_STREAM)
print(infos[0][0], infos[0][1], infos[0][4])
print(socket.gethostbyname("127.0.0.1"), socket.gethostbyname("localhost"))
try:
    socket.getaddrinfo("no.such.host.invalid", 80)
except socket.gaierror as e:
    print("gaierror", isinstance(e, OSError))
print(socket.htons(1), socket.ntohl(1), socket.inet_aton("1.2.3.4"), socket.inet_ntoa(b"\x7f\0\0\1"))
print(socket.inet_pton(socket.AF_INET6, "::1"), socket.inet_ntop(socket.AF_INET, b"\1\2\3\4"))
print(isinstance(socket.gethostname(), str), socket.AF_INET, repr(socket.SOCK_STREAM))
try:
    socket.socket().bind(("127.0.0.1", 70000))
except OverflowError as e:
    print("OverflowError", e)
