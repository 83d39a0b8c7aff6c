package io.holdfast.backup.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;

import java.util.function.Supplier;

/** A tab's content built the first time it is shown: a tab nobody opens costs neither queries nor rendering. */
public final class LazyContent extends Div {

    private final Supplier<? extends Component> content;

    public LazyContent(Supplier<? extends Component> content) {
        this.content = content;
        setWidthFull();
    }

    @Override
    protected void onAttach(AttachEvent event) {
        if (getComponentCount() == 0) {
            add(content.get());
        }
    }
}
