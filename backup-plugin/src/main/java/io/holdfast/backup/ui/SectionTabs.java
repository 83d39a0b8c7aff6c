package io.holdfast.backup.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;

import java.util.ArrayList;
import java.util.List;

/**
 * Tabs over one content area, switched on the server: only the selected section is attached. Not Vaadin's
 * TabSheet, which inside a tab shown later reveals its selected panel only after one more round trip (the
 * browser confirms the selection first) — measured as the last step before an instance's first backups
 * showed (bench/ui-catalog, docs/performance.md).
 */
public final class SectionTabs extends VerticalLayout {

    private final Tabs tabs = new Tabs();
    private final Div content = new Div();
    private final List<Component> sections = new ArrayList<>();

    public SectionTabs() {
        setPadding(false);
        setSpacing(false);
        content.setWidthFull();
        add(tabs, content);
        tabs.addSelectedChangeListener(e -> show());
    }

    /** A section: the first one added is shown first. */
    public Tab add(String label, Component section) {
        Tab tab = new Tab(label);
        sections.add(section);
        tabs.add(tab);
        show();
        return tab;
    }

    public void setSelectedTab(Tab tab) {
        tabs.setSelectedTab(tab);
    }

    public void setSelectedIndex(int index) {
        tabs.setSelectedIndex(index);
    }

    public int getSelectedIndex() {
        return tabs.getSelectedIndex();
    }

    public Tab getTabAt(int index) {
        return tabs.getTabAt(index);
    }

    private void show() {
        int selected = tabs.getSelectedIndex();
        Component wanted = selected < 0 || selected >= sections.size() ? null : sections.get(selected);
        if (content.getChildren().findFirst().orElse(null) != wanted) {
            content.removeAll();
            if (wanted != null) {
                content.add(wanted);
            }
        }
    }
}
