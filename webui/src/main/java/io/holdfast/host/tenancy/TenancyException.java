package io.holdfast.host.tenancy;

/** Bad input to tenant or user management; the message is meant for the admin who typed it. */
public class TenancyException extends RuntimeException {

    public TenancyException(String message) {
        super(message);
    }
}
