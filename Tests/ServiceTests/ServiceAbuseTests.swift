import Foundation
import Testing
import _TraceTestSupport

/// The service under abuse (issue 14, part 7), against the real server on loopback: hundreds of concurrent requests
/// of every kind, stalled clients, garbage on the wire and bodies built to hurt a parser. Every answer must carry the
/// status its request deserves (never a 5xx), the server must keep serving, stalled connections must be closed by the
/// idle timeout, and the registry must verify afterwards.
@Suite(.serialized) struct ServiceAbuseTests {
    /// Runs a Python program (the test venv's) with `arguments`, returning its standard output as JSON.
    static func python(_ program: String, _ arguments: [String]) throws -> [String: Any] {
        let out = try Harness.run(Harness.python, ["-c", program] + arguments)
        guard out.status == 0, let json = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any] else {
            throw ServiceTestError(message: "python failed (\(out.status)): \(out.stderr.suffix(2000)) \(out.stdout.suffix(500))")
        }
        return json
    }

    /// Fires every request kind many times from 64 threads at once; prints the statuses seen per kind.
    static let crowd = #"""
import json, sys, urllib.request, urllib.error, concurrent.futures
base, link, admin, seller = sys.argv[1:5]
kinds = {
    "resolver-json": ("GET", link, {"Accept": "application/json"}, None),
    "resolver-html": ("GET", link, {}, None),
    "resolver-unknown": ("GET", "/01/09520123456795/21/NEVER1", {"Accept": "application/json"}, None),
    "api-no-token": ("GET", "/api/v1/report", {}, None),
    "api-wrong-role": ("POST", "/api/v1/jobs", {"Authorization": "Bearer " + seller, "Content-Type": "application/json"},
                       b'{"product":"ebike-battery","count":1,"line":"L1","shift":"S"}'),
    "api-malformed": ("POST", "/api/v1/reconcile", {"Authorization": "Bearer " + admin, "Content-Type": "application/json"}, b'{"scanned": [1, '),
    "api-wrong-type": ("POST", "/api/v1/jobs", {"Authorization": "Bearer " + admin, "Content-Type": "application/json"},
                       b'{"product":["ebike-battery"],"count":"many","line":7,"shift":null}'),
    "api-report": ("GET", "/api/v1/report", {"Authorization": "Bearer " + admin}, None),
    "health": ("GET", "/healthz", {}, None),
}
def one(kind):
    method, path, headers, body = kinds[kind]
    request = urllib.request.Request(base + path, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as r:
            r.read(); return kind, r.status
    except urllib.error.HTTPError as e:
        e.read(); return kind, e.code
    except Exception as e:
        return kind, "failed: " + type(e).__name__
seen = {k: {} for k in kinds}
work = [k for k in kinds for _ in range(40)]
with concurrent.futures.ThreadPoolExecutor(64) as pool:
    for kind, status in pool.map(one, work):
        seen[kind][str(status)] = seen[kind].get(str(status), 0) + 1
print(json.dumps(seen))
"""#

    @Test func hundredsOfConcurrentRequestsEachGetTheirOwnStatus() throws {
        let server = try LiveServer()
        defer { server.stop() }
        let job = try server.runJob(#"{"product":"ebike-battery","count":3,"line":"L1","shift":"S1"}"#, token: server.tokens["admin"]!)
        let link = String((job["first_link"] as! String).dropFirst("https://id.gs1.org".count))
        let seen = try Self.python(Self.crowd, [server.base, link, server.tokens["admin"]!, server.tokens["seller"]!])
        let expected = ["resolver-json": "200", "resolver-html": "200", "resolver-unknown": "404", "api-no-token": "401",
                        "api-wrong-role": "403", "api-malformed": "400", "api-wrong-type": "422", "api-report": "200", "health": "200"]
        var total = 0
        for (kind, status) in expected {
            let statuses = seen[kind] as? [String: Int] ?? [:]
            #expect(statuses == [status: 40], "\(kind): \(statuses), expected 40 × \(status)")
            total += statuses.values.reduce(0, +)
        }
        #expect(total == 360)
        // Nothing the crowd did wrote a record: only the job's, and the registry verifies.
        let verify = try Harness.tracelabel(["verify", "--registry", server.registry])
        #expect(verify.status == 0, "\(verify.stdout) \(verify.stderr)")
        #expect(try server.get("/readyz").status == 200)
    }

    /// Opens stalled connections (half a request line, a request never finished, a body promised and not sent) and
    /// raw garbage, then checks that the server still answers and that it closes every stalled connection.
    static let stalled = #"""
import json, socket, sys, time, urllib.request
host, port = "127.0.0.1", int(sys.argv[1])
def connect(data):
    s = socket.create_connection((host, port), timeout=30)
    if data: s.sendall(data)
    return s
stalls = []
for i in range(30):
    stalls.append(connect(b"GET /healthz HTTP/1.1\r\nHost: x\r\n"))          # headers never finished
    stalls.append(connect(b"POST /api/v1/flows HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{"))  # body promised
    stalls.append(connect(b""))                                                  # nothing at all
# The server still answers while 90 connections stall.
answered = urllib.request.urlopen("http://%s:%d/healthz" % (host, port), timeout=30).status
# Garbage and a huge header: an error answer or a closed connection, never a hang.
replies = {}
for name, data in [("binary", b"\x00\xff\xfe garbage \x01\r\n\r\n"), ("bad-method", b"BREW /healthz HTTP/1.1\r\nHost: x\r\n\r\n"),
                   ("huge-header", b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 200000 + b"\r\n\r\n"),
                   ("bad-version", b"GET /healthz HTTP/9.9\r\nHost: x\r\n\r\n")]:
    s = connect(None)
    try:
        s.sendall(data)
        first = s.recv(64)
        replies[name] = first.split(b"\r\n")[0].decode("latin-1") if first else "closed"
    except (ConnectionResetError, BrokenPipeError):
        replies[name] = "closed"
    s.close()
# Every stalled connection is closed by the server's idle timeout (bounded wait, not a timing check).
closed = 0
deadline = time.time() + 60
for s in stalls:
    s.settimeout(max(1, deadline - time.time()))
    try:
        while s.recv(4096): pass
        closed += 1
    except (ConnectionResetError, BrokenPipeError):
        closed += 1
    except socket.timeout:
        pass
after = urllib.request.urlopen("http://%s:%d/healthz" % (host, port), timeout=30).status
print(json.dumps({"answered": answered, "replies": replies, "closed": closed, "stalled": len(stalls), "after": after}))
"""#

    @Test func stalledClientsAndGarbageNeitherHangNorCrashTheServer() throws {
        let server = try LiveServer(idleTimeoutSeconds: 2)
        defer { server.stop() }
        let result = try Self.python(Self.stalled, [String(server.port)])
        #expect(result["answered"] as? Int == 200)
        #expect(result["after"] as? Int == 200)
        #expect(result["closed"] as? Int == result["stalled"] as? Int, "\(result)")
        let replies = result["replies"] as? [String: String] ?? [:]
        for (name, reply) in replies {
            #expect(reply == "closed" || reply.hasPrefix("HTTP/1.1 4"), "\(name): \(reply)")
        }
        #expect(replies.count == 4)
        #expect(server.process.isRunning)
    }

    @Test func bodiesBuiltToHurtAParserAreRefusedWithFourHundreds() throws {
        let server = try LiveServer(maxBodyBytes: 1 << 20)
        defer { server.stop() }
        let qa = server.tokens["qa"]!
        let bodies: [(String, String, Int)] = [
            ("/api/v1/reconcile", String(repeating: "[", count: 200_000), 400),
            ("/api/v1/reconcile", #"{"scans":"#  + String(repeating: "{\"a\":", count: 50_000), 400),
            // A 500 kB "code" is just a scan that matches nothing; a byte-order mark before JSON is allowed (RFC 8259).
            ("/api/v1/reconcile", #"{"scans":["\#(String(repeating: "9", count: 500_000))"]}"#, 200),
            ("/api/v1/reconcile", "\u{FEFF}{\"scans\":[]}", 200),
            ("/api/v1/reconcile", #"{"scans":[1,2,3]}"#, 422),
            ("/api/v1/flows", #"{"flow":"producer-sale","party":"\u0000","at":"2026-11-28","counterparty":"x"}"#, 422),
            ("/api/v1/verify-range", #"{"first":"(01)09520123456795(21)1","last":"\#(String(repeating: "(", count: 10_000))"}"#, 422),
        ]
        for (path, body, expected) in bodies {
            let reply = try server.post(path, token: qa, body: body)
            #expect(reply.status == expected, "\(path) \(body.prefix(40))…: \(reply.status) \(reply.body.prefix(300))")
            #expect(reply.status < 500)
        }
        #expect(try server.get("/healthz").status == 200)
    }
}
