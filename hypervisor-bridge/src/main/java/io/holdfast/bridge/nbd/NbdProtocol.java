package io.holdfast.bridge.nbd;

/**
 * Constants of the NBD protocol (https://github.com/NetworkBlockDevice/nbd/blob/master/doc/proto.md),
 * fixed newstyle handshake with structured replies. Names follow the specification.
 */
final class NbdProtocol {

    private NbdProtocol() {
    }

    static final long NBDMAGIC = 0x4e42444d41474943L;
    static final long IHAVEOPT = 0x49484156454F5054L;
    static final long OPTION_REPLY_MAGIC = 0x0003e889045565a9L;
    static final int REQUEST_MAGIC = 0x25609513;
    static final int SIMPLE_REPLY_MAGIC = 0x67446698;
    static final int STRUCTURED_REPLY_MAGIC = 0x668e33ef;

    // handshake flags (server) and client flags
    static final int FLAG_FIXED_NEWSTYLE = 1;
    static final int FLAG_NO_ZEROES = 2;

    // options
    static final int OPT_ABORT = 2;
    static final int OPT_GO = 7;
    static final int OPT_STRUCTURED_REPLY = 8;
    static final int OPT_SET_META_CONTEXT = 10;

    // option reply types
    static final int REP_ACK = 1;
    static final int REP_INFO = 3;
    static final int REP_META_CONTEXT = 4;
    static final int REP_FLAG_ERROR = 1 << 31;

    // info types
    static final int INFO_EXPORT = 0;
    static final int INFO_BLOCK_SIZE = 3;

    // transmission flags
    static final int TFLAG_READ_ONLY = 1 << 1;
    static final int TFLAG_SEND_FLUSH = 1 << 2;
    static final int TFLAG_SEND_WRITE_ZEROES = 1 << 6;
    static final int TFLAG_CAN_MULTI_CONN = 1 << 8;

    // commands
    static final short CMD_READ = 0;
    static final short CMD_WRITE = 1;
    static final short CMD_DISC = 2;
    static final short CMD_FLUSH = 3;
    static final short CMD_WRITE_ZEROES = 6;
    static final short CMD_BLOCK_STATUS = 7;

    // structured reply
    static final int REPLY_FLAG_DONE = 1;
    static final int REPLY_TYPE_NONE = 0;
    static final int REPLY_TYPE_OFFSET_DATA = 1;
    static final int REPLY_TYPE_OFFSET_HOLE = 2;
    static final int REPLY_TYPE_BLOCK_STATUS = 5;
    static final int REPLY_TYPE_ERROR_BIT = 1 << 15;

    /** The largest request we send; qemu and nbdkit accept 32 MiB. */
    static final int MAX_REQUEST = 32 << 20;

    static String errorName(int errno) {
        return switch (errno) {
            case 1 -> "EPERM (operation not permitted)";
            case 5 -> "EIO (input/output error)";
            case 12 -> "ENOMEM (out of memory)";
            case 22 -> "EINVAL (invalid argument)";
            case 28 -> "ENOSPC (no space left)";
            case 75 -> "EOVERFLOW (value too large)";
            case 95 -> "ENOTSUP (not supported)";
            case 108 -> "ESHUTDOWN (server is shutting down)";
            default -> "errno " + errno;
        };
    }

    static String optionErrorName(int replyType) {
        return switch (replyType & ~REP_FLAG_ERROR) {
            case 1 -> "unsupported option";
            case 2 -> "forbidden by server policy";
            case 3 -> "invalid request";
            case 4 -> "not supported on this platform";
            case 5 -> "TLS required";
            case 6 -> "unknown export";
            case 7 -> "server shutting down";
            case 8 -> "block size required";
            case 9 -> "request too big";
            default -> "error " + (replyType & ~REP_FLAG_ERROR);
        };
    }
}
