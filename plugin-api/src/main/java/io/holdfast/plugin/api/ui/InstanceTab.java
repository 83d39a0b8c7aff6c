package io.holdfast.plugin.api.ui;

import com.vaadin.flow.component.Component;
import io.holdfast.plugin.api.inventory.InstanceRef;

import java.util.Objects;
import java.util.function.Function;

/**
 * A tab a plugin adds to the instance page. The host calls {@code content} only for an instance the
 * current user may see.
 */
public record InstanceTab(String label, Function<InstanceRef, ? extends Component> content) {

    public InstanceTab {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(content, "content");
    }
}
