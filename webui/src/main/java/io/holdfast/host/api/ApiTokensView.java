package io.holdfast.host.api;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.holdfast.host.layout.MainLayout;
import jakarta.annotation.security.PermitAll;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Each user's own API tokens: create one (shown once), see when each was last used, revoke. */
@Route(value = "tokens", layout = MainLayout.class)
@PageTitle("API tokens · Holdfast")
@PermitAll
public class ApiTokensView extends VerticalLayout {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final ApiTokenService tokens;
    private final Grid<ApiToken> grid = new Grid<>();
    private final Paragraph empty = new Paragraph("No API tokens yet. A token lets a script or another panel call the Holdfast API "
            + "(/api/v1, described in /api/v1/openapi.json) as you, with your rights: create one, and keep it like a password.");

    public ApiTokensView(ApiTokenService tokens) {
        this.tokens = tokens;
        setId("api-tokens");
        empty.setId("tokens-empty");
        TextField name = new TextField("Name");
        name.setId("token-name");
        name.setPlaceholder("e.g. billing panel");
        IntegerField days = new IntegerField("Valid for (days)");
        days.setId("token-days");
        days.setValue(90);
        days.setMin(1);
        days.setMax(ApiTokenService.MAX_DAYS);
        Button create = new Button("Create token", e -> {
            try {
                ApiTokenService.Created created = tokens.create(name.getValue(), days.getValue() == null ? 0 : days.getValue());
                name.clear();
                showOnce(created);
                refresh();
            } catch (ApiTokenException ex) {
                Notification.show(ex.getMessage(), 5000, Notification.Position.BOTTOM_START).addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
        });
        create.setId("token-create");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout form = new HorizontalLayout(name, days, create);
        form.setDefaultVerticalComponentAlignment(Alignment.BASELINE);
        form.setWrap(true);

        grid.setId("tokens");
        grid.addColumn(ApiToken::name).setHeader("Name").setFlexGrow(1);
        grid.addColumn(t -> t.prefix() + "…").setHeader("Starts with").setWidth("120px").setFlexGrow(0);
        grid.addColumn(t -> TIME.format(t.createdAt())).setHeader("Created").setWidth("150px").setFlexGrow(0);
        grid.addColumn(t -> TIME.format(t.expiresAt())).setHeader("Expires").setWidth("150px").setFlexGrow(0);
        grid.addColumn(t -> t.lastUsedAt() == null ? "never" : TIME.format(t.lastUsedAt())).setHeader("Last used").setWidth("150px").setFlexGrow(0);
        grid.addColumn(t -> t.revokedAt() != null ? "revoked " + TIME.format(t.revokedAt())
                : t.usable(Instant.now()) ? "active" : "expired").setHeader("State").setWidth("170px").setFlexGrow(0);
        grid.addColumn(LitRenderer.<ApiToken>of("""
                        <vaadin-button theme="small tertiary error" id="token-revoke-${item.name}" ?hidden=${item.revoked} @click=${revoke}>Revoke</vaadin-button>""")
                .withProperty("name", ApiToken::name)
                .withProperty("revoked", t -> t.revokedAt() != null)
                .withFunction("revoke", t -> {
                    ConfirmDialog confirm = new ConfirmDialog("Revoke token " + t.name() + "?",
                            "Scripts using it are refused from now on.", "Revoke", ok -> {
                        try {
                            tokens.revoke(t.id());
                        } catch (ApiTokenException ex) {
                            Notification.show(ex.getMessage());
                        }
                        refresh();
                    });
                    confirm.setCancelable(true);
                    confirm.open();
                })).setWidth("110px").setFlexGrow(0);
        grid.setAllRowsVisible(true);
        add(new H2("API tokens"), form, empty, grid);
        refresh();
    }

    private void showOnce(ApiTokenService.Created created) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Your new token " + created.token().name());
        Pre value = new Pre(created.value());
        value.setId("token-value");
        dialog.add(new Paragraph("Copy it now: it is shown only this once (Holdfast keeps only a hash of it). Use it as "
                + "Authorization: Bearer <token>. It expires on " + TIME.format(created.token().expiresAt()) + "."), value);
        Button done = new Button("I have copied it", e -> dialog.close());
        done.setId("token-done");
        dialog.getFooter().add(done);
        dialog.open();
    }

    private void refresh() {
        List<ApiToken> list = tokens.mine();
        grid.setItems(list);
        grid.setVisible(!list.isEmpty());
        empty.setVisible(list.isEmpty());
    }
}
