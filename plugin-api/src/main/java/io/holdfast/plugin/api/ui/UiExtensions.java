package io.holdfast.plugin.api.ui;

/** Where a plugin adds to the host's UI; call during {@code init}. */
public interface UiExtensions {

    void addPage(PageContribution page);

    void addInstanceTab(InstanceTab tab);
}
