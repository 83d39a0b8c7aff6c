package io.holdfast.it;

import com.vaadin.browserless.BrowserlessTest;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.tabs.TabSheet;
import io.holdfast.backup.BackupPluginFactory;
import io.holdfast.backup.admin.JobsPage;
import io.holdfast.backup.admin.OverviewPage;
import io.holdfast.backup.catalog.SnapshotEntry;
import io.holdfast.backup.instance.BackupsTab;
import io.holdfast.backup.job.BackupService;
import io.holdfast.backup.job.Job;
import io.holdfast.backup.job.JobException;
import io.holdfast.backup.job.JobFilter;
import io.holdfast.backup.job.JobState;
import io.holdfast.backup.storage.StorageForm;
import io.holdfast.backup.storage.StorageSecrets;
import io.holdfast.backup.storage.StorageSettings;
import io.holdfast.bridge.testing.TestVm;
import io.holdfast.host.inventory.Instance;
import io.holdfast.host.inventory.InventoryService;
import io.holdfast.host.plugin.LoadedPlugin;
import io.holdfast.host.plugin.PluginHost;
import io.holdfast.host.tenancy.Role;
import io.holdfast.host.tenancy.TenancyService;
import io.holdfast.host.tenancy.Tenant;
import io.holdfast.plugin.api.PluginContext;
import io.holdfast.plugin.api.inventory.InstanceRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The backup plugin's views driven without a browser (Vaadin's browserless testing), on the real host with
 * its embedded MariaDB and a real VM: empty states that say what to do, Incremental disabled with its
 * reason, the restore dialog's targets and warnings, admin-only pages; and, below the views, a user of
 * another tenant who types or counts up job and snapshot ids gets the same "does not exist" as for ids
 * nobody has.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackupViewsIT extends BrowserlessTest {

    private static RunningHost host;
    private static TestVm vm;
    private static TestVm sibling;
    private static TestVm foreign;
    private static BackupPluginFactory plugin;
    private static PluginContext context;
    private static long vmId;
    private static long siblingId;
    private static long foreignId;

    @BeforeAll
    static void start() throws Exception {
        vm = TestVm.create(8L << 20);
        sibling = TestVm.create(8L << 20);
        foreign = TestVm.create(8L << 20);
        vm.writePattern(0x42, 0, 1 << 20);
        host = RunningHost.start(RunningHost.newDataDir());
        TenancyService tenancy = host.bean(TenancyService.class);
        InventoryService inventory = host.bean(InventoryService.class);
        Tenant acme = AsAdmin.call(() -> tenancy.createTenant("Acme-v"));
        Tenant globex = AsAdmin.call(() -> tenancy.createTenant("Globex-v"));
        AsAdmin.call(() -> tenancy.createUser("erin", "erin-pass-1", Role.USER, acme.getId()));
        AsAdmin.call(() -> tenancy.createUser("frank", "frank-pass-1", Role.USER, globex.getId()));
        inventory.discoverAll();
        List<Instance> all = AsAdmin.call(inventory::visibleInstances);
        vmId = idOf(all, vm);
        siblingId = idOf(all, sibling);
        foreignId = idOf(all, foreign);
        AsAdmin.call(() -> inventory.assign(vmId, acme.getId()));
        AsAdmin.call(() -> inventory.assign(siblingId, acme.getId()));
        AsAdmin.call(() -> inventory.assign(foreignId, globex.getId()));
        PluginHost plugins = host.bean(PluginHost.class);
        plugin = plugins.plugins().stream().map(LoadedPlugin::factory).filter(BackupPluginFactory.class::isInstance)
                .map(BackupPluginFactory.class::cast).findFirst().orElseThrow();
        context = plugins.context("backup").orElseThrow();
        Files.createDirectories(Path.of("target", "views-datastore"));
    }

    private static long idOf(List<Instance> all, TestVm v) {
        return all.stream().filter(i -> i.getName().equals(v.name())).findFirst().orElseThrow().getId();
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[]{host, vm, sibling, foreign}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    @Override
    protected Set<String> scanPackages() {
        return Set.of("io.holdfast.it.noroutes"); // the plugin's views are built by hand, as the host does
    }

    @AfterEach
    void logOut() {
        // the views leave before the user does: a job-feed change queued for them must not run logged out at tear-down
        UI.getCurrent().removeAll();
        SecurityContextHolder.clearContext();
    }

    @Test
    @Order(1)
    void emptyStatesSayWhatToDoAndWithoutStorageBackupsAreRefusedWithTheReason() {
        as("erin");
        BackupsTab tab = show(new BackupsTab(instance(vmId), backups(), plugin.policies(), plugin.feed(), context.instances()));
        assertThat(paragraph("backups-empty").isVisible()).isTrue();
        assertThat(paragraph("backups-empty").getText()).contains("No backups yet").contains("restore");
        assertThat(button("backups-empty-create").isVisible()).isTrue();
        select(tab, "Queue");
        assertThat(paragraph("queue-empty").getText()).contains("Nothing queued");
        select(tab, "Tasks");
        assertThat(paragraph("tasks-empty").getText()).contains("No jobs yet");
        select(tab, "Chart");
        assertThat($(Paragraph.class).all()).anyMatch(p -> p.getText().contains("appears after the first backup"));

        test(button("backup-now")).click();
        RadioButtonGroup<String> type = radio("backup-type");
        assertThat(type.getHelperText()).contains("Hypervisor backup not enabled");
        test(button("backup-start")).click();
        assertThat(notifications()).anyMatch(t -> t.contains("Hypervisor backup not enabled"));
    }

    @Test
    @Order(2)
    void incrementalIsDisabledWithItsReasonUntilAChainExists() throws Exception {
        asAdmin();
        var created = plugin.storages().create(new StorageForm("views-local", true,
                StorageSettings.local(Path.of("target", "views-datastore").toAbsolutePath().toString()), StorageSecrets.NONE,
                null, 2, false));
        long hypervisor = instance(vmId).hypervisorId();
        plugin.storages().assign(hypervisor, List.of(created.id()), created.id());

        as("erin");
        BackupsTab tab = show(new BackupsTab(instance(vmId), backups(), plugin.policies(), plugin.feed(), context.instances()));
        test(button("backup-now")).click();
        RadioButtonGroup<String> type = radio("backup-type");
        assertThat(type.getHelperText()).contains("Incremental is not available").contains("No earlier backup");
        assertThat(type.getValue()).startsWith("Full");
        assertThat(type.getItemEnabledProvider().test("Incremental (only what changed)")).isFalse();
        test(button("backup-start")).click();
        assertThat(((TabSheet) find(TabSheet.class).single()).getSelectedIndex()).as("the queue shows the new job").isEqualTo(1);
        awaitJobs(vmId, 1);

        tab = show(new BackupsTab(instance(vmId), backups(), plugin.policies(), plugin.feed(), context.instances()));
        test(button("backup-now")).click();
        type = radio("backup-type");
        assertThat(type.getHelperText()).isNullOrEmpty();
        assertThat(type.getValue()).startsWith("Incremental");
        assertThat(tab).isNotNull();
    }

    @Test
    @Order(3)
    void theRestoreDialogSaysWhatIsLostAndOffersOnlyTheTenantsOwnInstances() {
        as("erin");
        show(new BackupsTab(instance(vmId), backups(), plugin.policies(), plugin.feed(), context.instances()));
        SnapshotEntry newest = backups().snapshots(vmId, 0, 1).getFirst();
        @SuppressWarnings("unchecked")
        var snapshots = (com.vaadin.flow.component.grid.Grid<SnapshotEntry>) find(com.vaadin.flow.component.grid.Grid.class).id("snapshots");
        assertThat(test(snapshots).getRow(0).id()).isEqualTo(newest.id());
        test(snapshots).invokeLitRendererFunction(0, snapshots.getColumns().size() - 1, "restore");
        RadioButtonGroup<String> target = radio("restore-target");
        Checkbox first = (Checkbox) find(Checkbox.class).id("restore-backup-first");
        assertThat(target.getValue()).isEqualTo("This instance");
        assertThat(paragraph("restore-warning").getText()).contains("powered off").contains("is lost");
        assertThat(first.getValue()).as("back up the current state first is on by default").isTrue();
        assertThat(first.isVisible()).isTrue();

        target.setValue("A new instance");
        assertThat(paragraph("restore-warning").getText()).contains("new name, UUID and MAC").contains("is not touched");
        assertThat(first.isVisible()).as("nothing is replaced, nothing to back up first").isFalse();

        target.setValue("Another of your instances");
        assertThat(paragraph("restore-warning").getText()).contains("at least as large");
        assertThat(first.isVisible()).isTrue();
        @SuppressWarnings("unchecked")
        ComboBox<InstanceRef> other = (ComboBox<InstanceRef>) find(ComboBox.class).id("restore-other");
        List<String> offered = other.getListDataView().getItems().map(InstanceRef::name).toList();
        assertThat(offered).contains(sibling.name()).doesNotContain(foreign.name()).doesNotContain(vm.name());
    }

    @Test
    @Order(4)
    void theAdminPagesRefuseUsersAndServeAdmins() {
        as("erin");
        assertThatThrownBy(() -> new JobsPage(plugin.administration(), backups(), plugin.storages(), context.hypervisors(), plugin.feed()))
                .isInstanceOf(JobException.class).hasMessageContaining("Only an admin");
        assertThatThrownBy(() -> new OverviewPage(plugin.administration(), backups(), plugin.feed()))
                .isInstanceOf(JobException.class).hasMessageContaining("Only an admin");
        assertThatThrownBy(() -> plugin.administration().retry(1)).isInstanceOf(JobException.class).hasMessageContaining("Only an admin");

        asAdmin();
        show(new JobsPage(plugin.administration(), backups(), plugin.storages(), context.hypervisors(), plugin.feed()));
        assertThat(find(Paragraph.class).withId("jobs-empty").exists()).as("no empty state beside jobs").isFalse();
        @SuppressWarnings("unchecked")
        var grid = (com.vaadin.flow.component.grid.Grid<Job>) find(com.vaadin.flow.component.grid.Grid.class).id("all-jobs");
        assertThat(test(grid).size()).isGreaterThanOrEqualTo(1);
        show(new OverviewPage(plugin.administration(), backups(), plugin.feed()));
        @SuppressWarnings("unchecked")
        var stale = (com.vaadin.flow.component.grid.Grid<io.holdfast.backup.job.JobAdministration.Unprotected>)
                find(com.vaadin.flow.component.grid.Grid.class).id("overview-stale-list");
        List<String> staleNames = java.util.stream.IntStream.range(0, test(stale).size()).mapToObj(i -> test(stale).getRow(i).instance()).toList();
        assertThat(staleNames).as("never backed up").contains(foreign.name(), sibling.name()).doesNotContain(vm.name());
        // the admin sees any tenant's instance with the same tabs
        show(new BackupsTab(instance(vmId), backups(), plugin.policies(), plugin.feed(), context.instances()));
        assertThat(find(Paragraph.class).withId("backups-empty").exists()).isFalse();
    }

    @Test
    @Order(5)
    void anotherTenantTypingOrCountingIdsGetsWhatAnIdNobodyHasGets() {
        as("erin");
        List<Job> erinsJobs = backups().jobs(vmId, 0, 100);
        SnapshotEntry erinsSnapshot = backups().snapshots(vmId, 0, 1).getFirst();
        assertThat(erinsJobs).isNotEmpty();
        long maxJob = erinsJobs.stream().mapToLong(Job::id).max().orElseThrow() + 3;
        long maxSnapshot = erinsSnapshot.id() + 3;

        as("frank");
        BackupService b = backups();
        for (long id = 1; id <= maxSnapshot; id++) {
            long s = id;
            for (Runnable call : List.<Runnable>of(() -> b.restoreInPlace(s, false), () -> b.restoreInPlace(s, true),
                    () -> b.restoreToNewInstance(s, "stolen-" + s), () -> b.restoreToOtherInstance(s, foreignId, false),
                    () -> b.delete(s), () -> b.verify(s), () -> b.setProtected(s, true))) {
                assertThatThrownBy(call::run).isInstanceOf(JobException.class).hasMessage("That backup does not exist.");
            }
        }
        for (long id = 1; id <= maxJob; id++) {
            long j = id;
            for (Supplier<?> call : List.<Supplier<?>>of(() -> b.job(j), () -> b.taskLog(j), () -> b.taskLog(j, 0, 10))) {
                assertThatThrownBy(call::get).isInstanceOf(JobException.class).hasMessage("That job does not exist.");
            }
            assertThatThrownBy(() -> b.cancel(j)).isInstanceOf(JobException.class).hasMessage("That job does not exist.");
        }
        for (Supplier<?> call : List.<Supplier<?>>of(() -> b.snapshots(vmId, 0, 10), () -> b.jobs(vmId, 0, 10),
                () -> b.queue(vmId, 10), () -> b.history(vmId, 10), () -> b.whyNoIncremental(vmId))) {
            assertThatThrownBy(call::get).isInstanceOf(JobException.class).hasMessage("That instance does not exist.");
        }
        assertThatThrownBy(() -> b.backupNow(vmId, true, true)).isInstanceOf(JobException.class).hasMessage("That instance does not exist.");
        assertThatThrownBy(() -> plugin.administration().jobs(JobFilter.all(), 0, 10)).isInstanceOf(JobException.class);
        assertThat(b.jobs(foreignId, 0, 10)).isEmpty();

        // and erin cannot restore her backup into another tenant's instance either
        as("erin");
        assertThatThrownBy(() -> backups().restoreToOtherInstance(erinsSnapshot.id(), foreignId, false))
                .isInstanceOf(JobException.class).hasMessage("That instance does not exist.");
        assertThat(erinsSnapshot.isProtected()).isFalse();
        assertThat(backups().snapshots(vmId, 0, 10)).extracting(SnapshotEntry::isProtected).containsOnly(false);
    }

    private static BackupService backups() {
        return plugin.backups();
    }

    private static InstanceRef instance(long id) {
        return context.instances().find(id).orElseThrow();
    }

    private <T extends Component> T show(T view) {
        UI.getCurrent().removeAll();
        UI.getCurrent().add(view);
        return view;
    }

    private void select(BackupsTab tab, String label) {
        TabSheet sheet = find(TabSheet.class).single();
        for (int i = 0; i < 4; i++) {
            if (sheet.getTabAt(i).getLabel().equals(label)) {
                sheet.setSelectedIndex(i);
                return;
            }
        }
        throw new AssertionError("no section " + label + " in " + tab);
    }

    private Paragraph paragraph(String id) {
        return find(Paragraph.class).id(id);
    }

    private Button button(String id) {
        return find(Button.class).id(id);
    }

    @SuppressWarnings("unchecked")
    private RadioButtonGroup<String> radio(String id) {
        return (RadioButtonGroup<String>) find(RadioButtonGroup.class).id(id);
    }

    private List<String> notifications() {
        return find(Notification.class).all().stream().map(n -> test(n).getText()).toList();
    }

    private static void awaitJobs(long instanceId, int succeeded) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<Job> jobs = backups().jobs(instanceId, 0, 50);
            if (jobs.stream().anyMatch(j -> j.state() == JobState.FAILED)) {
                throw new AssertionError("a job failed: " + jobs);
            }
            if (jobs.stream().filter(j -> j.state() == JobState.SUCCEEDED).count() >= succeeded) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + succeeded + " succeeded jobs in time");
    }

    private static void as(String username) {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                username, null, List.of(new SimpleGrantedAuthority("ROLE_USER"))));
    }

    private static void asAdmin() {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "admin", null, List.of(new SimpleGrantedAuthority("ROLE_ADMIN"))));
    }
}
