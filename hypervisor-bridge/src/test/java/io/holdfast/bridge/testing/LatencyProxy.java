package io.holdfast.bridge.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy that delays every byte by a fixed time in each direction, to see how a remote behaves
 * behind a distant link (this machine kind has no {@code tc netem}). Bandwidth is not limited; order is
 * kept. Used by {@code bench/remotes}: {@code java -cp <tests.jar> io.holdfast.bridge.testing.LatencyProxy
 * LISTEN_PORT HOST:PORT ONE_WAY_MS}.
 */
public final class LatencyProxy implements AutoCloseable {

    private static final byte[] EOF = new byte[0];

    private final ServerSocket server;
    private final String host;
    private final int port;
    private final long delayNanos;
    private final java.util.Set<Socket> open = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private LatencyProxy(ServerSocket server, String host, int port, long delayNanos) {
        this.server = server;
        this.host = host;
        this.port = port;
        this.delayNanos = delayNanos;
    }

    public static LatencyProxy start(int listenPort, String host, int port, long oneWayMillis) {
        try {
            ServerSocket server = new ServerSocket();
            server.bind(new InetSocketAddress("127.0.0.1", listenPort));
            LatencyProxy proxy = new LatencyProxy(server, host, port, TimeUnit.MILLISECONDS.toNanos(oneWayMillis));
            Thread.ofVirtual().start(proxy::acceptLoop);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + listenPort, e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket target = new Socket(host, port);
                client.setTcpNoDelay(true);
                target.setTcpNoDelay(true);
                open.add(client);
                open.add(target);
                pump(client, target);
                pump(target, client);
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    private record Packet(long due, byte[] data) {
    }

    /** Reads from one socket at once, writes to the other when each piece is due. */
    private void pump(Socket from, Socket to) {
        BlockingQueue<Packet> queue = new LinkedBlockingQueue<>();
        Thread.ofVirtual().start(() -> {
            byte[] buffer = new byte[256 << 10];
            try (InputStream in = from.getInputStream()) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    queue.add(new Packet(System.nanoTime() + delayNanos, Arrays.copyOf(buffer, n)));
                }
            } catch (IOException ignored) {
                // the connection ended
            }
            queue.add(new Packet(System.nanoTime() + delayNanos, EOF));
        });
        Thread.ofVirtual().start(() -> {
            try {
                OutputStream out = to.getOutputStream();
                while (true) {
                    Packet p = queue.take();
                    long wait = p.due() - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    if (p.data() == EOF) {
                        to.shutdownOutput();
                        return;
                    }
                    out.write(p.data());
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                closeQuietly(from);
                closeQuietly(to);
            }
        });
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    /** Cuts every connection open now (as a dropped link would); new ones are accepted as before. */
    public void cut() {
        for (Socket s : open) {
            closeQuietly(s);
        }
        open.clear();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    public static void main(String[] args) throws InterruptedException {
        String[] target = args[1].split(":");
        LatencyProxy proxy = start(Integer.parseInt(args[0]), target[0], Integer.parseInt(target[1]), Long.parseLong(args[2]));
        System.out.println("LatencyProxy on " + proxy.port() + " → " + args[1] + ", " + args[2] + " ms each way");
        Thread.currentThread().join();
    }
}
