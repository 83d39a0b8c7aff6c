package io.holdfast.bridge.nbd;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.holdfast.bridge.nbd.NbdProtocol.*;

/** The fixed newstyle handshake: structured replies, meta contexts, then NBD_OPT_GO. */
final class NbdHandshake {

    record Result(long size, int transmissionFlags, Map<String, Integer> metaContexts, int preferredBlockSize) {
    }

    private final SocketChannel channel;
    private final String server;

    NbdHandshake(SocketChannel channel, String server) {
        this.channel = channel;
        this.server = server;
    }

    Result run(String exportName, List<String> metaContexts) throws IOException {
        ByteBuffer hello = read(18);
        if (hello.getLong() != NBDMAGIC || hello.getLong() != IHAVEOPT) {
            throw new NbdException(server + " is not a newstyle NBD server");
        }
        int serverFlags = Short.toUnsignedInt(hello.getShort());
        if ((serverFlags & FLAG_FIXED_NEWSTYLE) == 0) {
            throw new NbdException(server + " does not support the fixed newstyle handshake");
        }
        int clientFlags = FLAG_FIXED_NEWSTYLE | (serverFlags & FLAG_NO_ZEROES);
        write(ByteBuffer.allocate(4).putInt(clientFlags).flip());

        sendOption(OPT_STRUCTURED_REPLY, ByteBuffer.allocate(0));
        OptionReply reply = readReply(OPT_STRUCTURED_REPLY);
        if (reply.type != REP_ACK) {
            throw new NbdException(server + " refused structured replies: " + optionErrorName(reply.type));
        }

        Map<String, Integer> contexts = new HashMap<>();
        if (!metaContexts.isEmpty()) {
            byte[] name = exportName.getBytes(StandardCharsets.UTF_8);
            int length = 4 + name.length + 4;
            for (String c : metaContexts) {
                length += 4 + c.getBytes(StandardCharsets.UTF_8).length;
            }
            ByteBuffer data = ByteBuffer.allocate(length).putInt(name.length).put(name).putInt(metaContexts.size());
            for (String c : metaContexts) {
                byte[] b = c.getBytes(StandardCharsets.UTF_8);
                data.putInt(b.length).put(b);
            }
            sendOption(OPT_SET_META_CONTEXT, data.flip());
            while (true) {
                OptionReply r = readReply(OPT_SET_META_CONTEXT);
                if (r.type == REP_META_CONTEXT) {
                    int id = r.data.getInt();
                    contexts.put(StandardCharsets.UTF_8.decode(r.data).toString(), id);
                } else if (r.type == REP_ACK) {
                    break;
                } else {
                    throw new NbdException(server + " refused meta contexts " + metaContexts + ": " + optionErrorName(r.type));
                }
            }
            for (String c : metaContexts) {
                if (!contexts.containsKey(c)) {
                    throw new NbdException(server + " does not offer meta context '" + c + "' on export '" + exportName + "'");
                }
            }
        }

        byte[] name = exportName.getBytes(StandardCharsets.UTF_8);
        ByteBuffer go = ByteBuffer.allocate(4 + name.length + 2 + 2).putInt(name.length).put(name)
                .putShort((short) 1).putShort((short) INFO_BLOCK_SIZE);
        sendOption(OPT_GO, go.flip());
        long size = -1;
        int flags = 0;
        int preferred = 4096;
        while (true) {
            OptionReply r = readReply(OPT_GO);
            if (r.type == REP_INFO) {
                int info = Short.toUnsignedInt(r.data.getShort());
                if (info == INFO_EXPORT) {
                    size = r.data.getLong();
                    flags = Short.toUnsignedInt(r.data.getShort());
                } else if (info == INFO_BLOCK_SIZE) {
                    r.data.getInt();
                    preferred = r.data.getInt();
                }
            } else if (r.type == REP_ACK) {
                break;
            } else if ((r.type & REP_FLAG_ERROR) != 0) {
                throw new NbdException(server + " refused export '" + exportName + "': " + optionErrorName(r.type));
            }
        }
        if (size < 0) {
            throw new NbdException(server + " did not say the size of export '" + exportName + "'");
        }
        return new Result(size, flags, Map.copyOf(contexts), preferred);
    }

    private record OptionReply(int type, ByteBuffer data) {
    }

    private void sendOption(int option, ByteBuffer data) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(16).putLong(IHAVEOPT).putInt(option).putInt(data.remaining()).flip();
        write(header);
        write(data);
    }

    private OptionReply readReply(int option) throws IOException {
        ByteBuffer header = read(20);
        if (header.getLong() != OPTION_REPLY_MAGIC) {
            throw new NbdException(server + " sent a malformed option reply");
        }
        int repliedOption = header.getInt();
        int type = header.getInt();
        int length = header.getInt();
        if (repliedOption != option || length < 0 || length > (1 << 20)) {
            throw new NbdException(server + " sent an unexpected option reply (option " + repliedOption + ", length " + length + ")");
        }
        return new OptionReply(type, read(length));
    }

    private ByteBuffer read(int n) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(n);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new EOFException(server + " closed the connection during the handshake");
            }
        }
        return buffer.flip();
    }

    private void write(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
