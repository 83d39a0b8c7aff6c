package io.holdfast.bridge.nbd;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static io.holdfast.bridge.nbd.NbdProtocol.*;

/**
 * An NBD client on one connection: fixed newstyle handshake, structured replies, block status with meta
 * contexts, and any number of requests in flight (callers may share one client across threads; one reader
 * thread dispatches replies by cookie). Open several clients for servers that allow multi-conn.
 */
public final class NbdClient implements AutoCloseable {

    private final SocketChannel channel;
    private final String server;
    private final NbdHandshake.Result info;
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong cookies = new AtomicLong(1);
    private final Object writeLock = new Object();
    private final Thread reader;
    private volatile Throwable broken;
    private volatile boolean closing;

    private NbdClient(SocketChannel channel, String server, NbdHandshake.Result info) {
        this.channel = channel;
        this.server = server;
        this.info = info;
        this.reader = Thread.ofPlatform().daemon().name("nbd-reader " + server).start(this::readReplies);
    }

    /** Connects and negotiates {@code metaContexts} (e.g. {@code base:allocation}); each must be offered. */
    public static NbdClient connect(NbdAddress address, String exportName, List<String> metaContexts) {
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open(address.address());
            if (address.isTcp()) {
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            }
            NbdHandshake.Result result = new NbdHandshake(channel, address.toString()).run(exportName, metaContexts);
            return new NbdClient(channel, address.toString(), result);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            if (e instanceof NbdException n) {
                throw n;
            }
            throw new NbdException("cannot connect to NBD server " + address + ": " + e.getMessage(), e);
        }
    }

    public long size() {
        return info.size();
    }

    public boolean readOnly() {
        return (info.transmissionFlags() & TFLAG_READ_ONLY) != 0;
    }

    public boolean canMultiConn() {
        return (info.transmissionFlags() & TFLAG_CAN_MULTI_CONN) != 0;
    }

    public boolean canWriteZeroes() {
        return (info.transmissionFlags() & TFLAG_SEND_WRITE_ZEROES) != 0;
    }

    /** Reads {@code dst.remaining()} bytes at {@code offset} into {@code dst} (holes arrive as zeroes). */
    public CompletableFuture<Void> read(long offset, ByteBuffer dst) {
        Pending p = new Pending(CMD_READ, offset, dst.slice(), dst.remaining());
        return send(p, null).thenApply(x -> null);
    }

    public CompletableFuture<Void> write(long offset, ByteBuffer src) {
        if (readOnly()) {
            return CompletableFuture.failedFuture(new NbdException(server + ": the export is read-only"));
        }
        Pending p = new Pending(CMD_WRITE, offset, null, src.remaining());
        return send(p, src.slice()).thenApply(x -> null);
    }

    public CompletableFuture<Void> writeZeroes(long offset, int length) {
        Pending p = new Pending(CMD_WRITE_ZEROES, offset, null, length);
        return send(p, null).thenApply(x -> null);
    }

    public CompletableFuture<Void> flush() {
        return send(new Pending(CMD_FLUSH, 0, null, 0), null).thenApply(x -> null);
    }

    /**
     * The block status of {@code context} from {@code offset} for up to {@code length} bytes. The server may
     * answer for less than asked; the extents returned are contiguous from {@code offset}.
     */
    public List<Extent> blockStatus(String context, long offset, int length) {
        Integer id = info.metaContexts().get(context);
        if (id == null) {
            throw new NbdException(server + ": meta context '" + context + "' was not negotiated");
        }
        Pending p = new Pending(CMD_BLOCK_STATUS, offset, null, length);
        p.context = id;
        join(send(p, null));
        return p.extents;
    }

    private CompletableFuture<Pending> send(Pending p, ByteBuffer payload) {
        if ((p.type == CMD_READ || p.type == CMD_WRITE) && p.length > MAX_REQUEST) {
            return CompletableFuture.failedFuture(new NbdException("request of " + p.length + " bytes exceeds " + MAX_REQUEST));
        }
        if (broken != null) {
            return CompletableFuture.failedFuture(new NbdException(server + ": connection lost: " + broken.getMessage(), broken));
        }
        long cookie = cookies.getAndIncrement();
        pending.put(cookie, p);
        ByteBuffer header = ByteBuffer.allocate(28).putInt(REQUEST_MAGIC).putShort((short) 0).putShort(p.type)
                .putLong(cookie).putLong(p.offset).putInt(p.length).flip();
        try {
            synchronized (writeLock) {
                writeFully(header);
                if (payload != null) {
                    writeFully(payload);
                }
            }
        } catch (IOException e) {
            pending.remove(cookie);
            fail(e);
            return CompletableFuture.failedFuture(new NbdException(server + ": cannot send request: " + e.getMessage(), e));
        }
        if (broken != null && pending.remove(cookie) != null) {
            p.future.completeExceptionally(new NbdException(server + ": connection lost", broken));
        }
        return p.future;
    }

    private void writeFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private void readReplies() {
        ByteBuffer magic = ByteBuffer.allocate(4);
        ByteBuffer simple = ByteBuffer.allocate(12);
        ByteBuffer structured = ByteBuffer.allocate(16);
        try {
            while (true) {
                readFully(magic.clear());
                int m = magic.flip().getInt();
                if (m == SIMPLE_REPLY_MAGIC) {
                    readFully(simple.clear());
                    simple.flip();
                    int error = simple.getInt();
                    long cookie = simple.getLong();
                    Pending p = take(cookie, true);
                    if (error == 0 && p.type == CMD_READ) {
                        readFully(p.dst.duplicate().position(0).limit(p.length));
                    }
                    complete(p, error == 0 ? null : errorName(error));
                } else if (m == STRUCTURED_REPLY_MAGIC) {
                    readFully(structured.clear());
                    structured.flip();
                    int flags = Short.toUnsignedInt(structured.getShort());
                    int type = Short.toUnsignedInt(structured.getShort());
                    long cookie = structured.getLong();
                    int length = structured.getInt();
                    boolean done = (flags & REPLY_FLAG_DONE) != 0;
                    Pending p = take(cookie, done);
                    chunk(p, type, length);
                    if (done) {
                        complete(p, p.error);
                    }
                } else {
                    throw new NbdException(server + " sent a reply with bad magic 0x" + Integer.toHexString(m));
                }
            }
        } catch (IOException | RuntimeException e) {
            fail(closing ? new NbdException("closed") : e);
        }
    }

    private void chunk(Pending p, int type, int length) throws IOException {
        if (type == REPLY_TYPE_OFFSET_DATA) {
            long offset = readLong();
            int n = length - 8;
            int at = checkedPosition(p, offset, n);
            readFully(p.dst.duplicate().position(at).limit(at + n));
        } else if (type == REPLY_TYPE_OFFSET_HOLE) {
            ByteBuffer b = readBuffer(12);
            long offset = b.getLong();
            int n = b.getInt();
            int at = checkedPosition(p, offset, n);
            ByteBuffer hole = p.dst.duplicate().position(at).limit(at + n);
            while (hole.remaining() >= 8) {
                hole.putLong(0);
            }
            while (hole.hasRemaining()) {
                hole.put((byte) 0);
            }
        } else if (type == REPLY_TYPE_BLOCK_STATUS) {
            ByteBuffer b = readBuffer(length);
            int context = b.getInt();
            if (context == p.context) {
                long offset = p.offset;
                while (b.remaining() >= 8) {
                    long extentLength = Integer.toUnsignedLong(b.getInt());
                    int flags = b.getInt();
                    p.extents.add(new Extent(offset, extentLength, flags));
                    offset += extentLength;
                }
            }
        } else if ((type & REPLY_TYPE_ERROR_BIT) != 0) {
            ByteBuffer b = readBuffer(length);
            int errno = b.getInt();
            int messageLength = Short.toUnsignedInt(b.getShort());
            String message = messageLength > 0
                    ? StandardCharsets.UTF_8.decode(b.slice(b.position(), Math.min(messageLength, b.remaining()))).toString()
                    : "";
            p.error = errorName(errno) + (message.isEmpty() ? "" : ": " + message);
        } else if (type != REPLY_TYPE_NONE) {
            readBuffer(length); // unknown chunk type: skip it as the specification asks
        }
    }

    private int checkedPosition(Pending p, long offset, int n) {
        long at = offset - p.offset;
        if (p.dst == null || at < 0 || at + n > p.length) {
            throw new NbdException(server + " sent data outside the request (offset " + offset + ", " + n + " bytes)");
        }
        return (int) at;
    }

    private Pending take(long cookie, boolean remove) {
        Pending p = remove ? pending.remove(cookie) : pending.get(cookie);
        if (p == null) {
            throw new NbdException(server + " replied to an unknown request " + cookie);
        }
        return p;
    }

    private void complete(Pending p, String error) {
        if (error == null) {
            p.future.complete(p);
        } else {
            p.future.completeExceptionally(new NbdException(server + ": " + commandName(p.type) + " at " + p.offset
                    + " (" + p.length + " bytes) failed: " + error));
        }
    }

    private static String commandName(short type) {
        return switch (type) {
            case CMD_READ -> "read";
            case CMD_WRITE -> "write";
            case CMD_FLUSH -> "flush";
            case CMD_WRITE_ZEROES -> "write-zeroes";
            case CMD_BLOCK_STATUS -> "block-status";
            default -> "command " + type;
        };
    }

    private void fail(Throwable cause) {
        broken = cause;
        for (Long cookie : List.copyOf(pending.keySet())) {
            Pending p = pending.remove(cookie);
            if (p != null) {
                p.future.completeExceptionally(new NbdException(server + ": connection lost: " + cause.getMessage(), cause));
            }
        }
    }

    private long readLong() throws IOException {
        return readBuffer(8).getLong();
    }

    private ByteBuffer readBuffer(int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        readFully(b);
        return b.flip();
    }

    private void readFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new EOFException(server + " closed the connection");
            }
        }
    }

    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /** Sends NBD_CMD_DISC once every reply is in, and closes the connection. */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        if (broken == null) {
            try {
                CompletableFuture.allOf(pending.values().stream().map(p -> p.future).toArray(CompletableFuture[]::new))
                        .exceptionally(t -> null).join();
                ByteBuffer disc = ByteBuffer.allocate(28).putInt(REQUEST_MAGIC).putShort((short) 0).putShort(CMD_DISC)
                        .putLong(cookies.getAndIncrement()).putLong(0).putInt(0).flip();
                synchronized (writeLock) {
                    writeFully(disc);
                }
            } catch (IOException | RuntimeException ignored) {
                // the server may already be gone; closing is all that is left
            }
        }
        closing = true;
        closeQuietly(channel);
        try {
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }

    private static final class Pending {
        final short type;
        final long offset;
        final ByteBuffer dst;
        final int length;
        final CompletableFuture<Pending> future = new CompletableFuture<>();
        final List<Extent> extents = new ArrayList<>();
        int context = -1;
        volatile String error;

        Pending(short type, long offset, ByteBuffer dst, int length) {
            this.type = type;
            this.offset = offset;
            this.dst = dst;
            this.length = length;
        }
    }
}
