package io.holdfast.backup.storage;

/**
 * A storage just created. For an encrypted one, {@code datastoreKey} is the key in the clear, offered
 * once for safekeeping: restores need it if this installation's database or master key is lost.
 */
public record CreatedStorage(long id, String datastoreKey, String keyFingerprint) {

    @Override
    public String toString() {
        return "CreatedStorage[" + id + ", key fingerprint " + keyFingerprint + "]";
    }
}
