package io.holdfast.plugin.api.ui;

/** The two panels of the host UI. Admin pages are shown to admins only; the host enforces it. */
public enum Panel {
    ADMIN, USER
}
