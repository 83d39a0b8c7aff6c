package io.holdfast.plugin.api.ui;

import com.vaadin.flow.component.Component;

import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A page a plugin adds to a panel, with its menu entry. The host serves it inside its own layout at
 * {@code /admin/p/<path>} or {@code /p/<path>} and checks the panel's role before calling {@code content}.
 *
 * @param content creates the page's content for one visit (called on the UI thread)
 */
public record PageContribution(Panel panel, String path, String menuLabel, Supplier<? extends Component> content) {

    private static final Pattern PATH = Pattern.compile("[a-z0-9][a-z0-9-]{0,59}");

    public PageContribution {
        Objects.requireNonNull(panel, "panel");
        Objects.requireNonNull(menuLabel, "menuLabel");
        Objects.requireNonNull(content, "content");
        if (path == null || !PATH.matcher(path).matches()) {
            throw new IllegalArgumentException("page path '" + path + "' must be lower case letters, digits or dashes");
        }
    }
}
