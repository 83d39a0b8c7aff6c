package io.holdfast.host.layout;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.ParentLayout;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/**
 * What a user sees when a page fails: one sentence and a reference; the stack trace goes to the server
 * log under that reference, never to the browser.
 */
@ParentLayout(MainLayout.class)
@PermitAll
public class ErrorView extends Div implements HasErrorParameter<Exception> {

    private static final Logger log = LoggerFactory.getLogger(ErrorView.class);

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<Exception> parameter) {
        String reference = UUID.randomUUID().toString().substring(0, 8);
        log.error("Page {} failed (reference {})", event.getLocation().getPath(), reference, parameter.getCaughtException());
        removeAll();
        add(new H2("Something went wrong"),
                new Paragraph("This page could not be shown. The details are in the server log under reference "
                        + reference + "."));
        return HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
    }
}
