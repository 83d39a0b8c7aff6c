package io.holdfast.backup.storage;

/**
 * The secret fields of a storage. Write-only: sealed with the master key in the database, never sent back
 * to the browser. In a form, a blank field means "keep the one saved" ({@link #over}).
 */
public record StorageSecrets(String password, String privateKey, String secretKey) {

    public static final StorageSecrets NONE = new StorageSecrets(null, null, null);

    public static StorageSecrets password(String password) {
        return new StorageSecrets(password, null, null);
    }

    public static StorageSecrets secretKey(String secretKey) {
        return new StorageSecrets(null, null, secretKey);
    }

    /** These secrets where given, {@code saved} where left blank. */
    public StorageSecrets over(StorageSecrets saved) {
        return new StorageSecrets(pick(password, saved.password), pick(privateKey, saved.privateKey), pick(secretKey, saved.secretKey));
    }

    private static String pick(String typed, String saved) {
        return typed == null || typed.isEmpty() ? saved : typed;
    }

    boolean hasPassword() {
        return password != null && !password.isEmpty();
    }

    @Override
    public String toString() {
        return "StorageSecrets[password=" + (hasPassword() ? "(set)" : "(none)") + ", privateKey="
                + (privateKey == null ? "(none)" : "(set)") + ", secretKey=" + (secretKey == null ? "(none)" : "(set)") + "]";
    }
}
