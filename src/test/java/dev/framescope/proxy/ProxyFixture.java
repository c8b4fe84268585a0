package dev.framescope.proxy;

import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.MemoryBudget;
import dev.framescope.testutil.Await;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;

/** A proxy on loopback for a test, allowed to reach loopback only, with what it reported collected. */
final class ProxyFixture implements AutoCloseable {

    final List<CaptureLog> logs = new CopyOnWriteArrayList<>();
    final List<String> notices = new CopyOnWriteArrayList<>();
    final ProxyServer server;

    ProxyFixture() throws IOException {
        this(o -> o);
    }

    ProxyFixture(UnaryOperator<ProxyOptions> how) throws IOException {
        ProxyOptions options = how.apply(ProxyOptions.forward(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                UpstreamAllowList.parse("127.0.0.0/8,::1"), defaultTls()));
        server = new ProxyServer(options, new ProxyListener() {
            @Override
            public void intercepted(CaptureLog log) {
                logs.add(log);
            }

            @Override
            public void notice(String text) {
                notices.add(text);
            }
        }, System::nanoTime, new MemoryBudget(64L << 20), new java.util.concurrent.atomic.AtomicLong(1)::getAndIncrement);
    }

    static SSLContext defaultTls() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    int port() {
        return server.address().getPort();
    }

    /** The n-th capture (from 0), once it exists. */
    CaptureLog log(int n) {
        Await.until(() -> logs.size() > n, "capture #" + n);
        return logs.get(n);
    }

    @Override
    public void close() {
        server.close();
    }
}
