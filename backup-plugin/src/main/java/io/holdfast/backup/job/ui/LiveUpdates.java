package io.holdfast.backup.job.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import io.holdfast.backup.job.JobFeed;

/**
 * Keeps a view in step with the jobs it shows: while the view is attached, every change the job feed sees
 * is pushed to the browser (the host runs Vaadin's server push), so progress moves without a reload.
 */
public final class LiveUpdates {

    private LiveUpdates() {
    }

    /**
     * Calls {@code refresh} on the UI's thread whenever a job of {@code instanceId} (null: any job) is queued or
     * changes state, and with {@code progress} also when its progress moves.
     */
    public static void bind(Component view, JobFeed feed, Long instanceId, boolean progress, Runnable refresh) {
        view.addAttachListener(attach -> {
            // a view built earlier and shown now (a tab selected) missed what happened while it was away
            refresh.run();
            UI ui = attach.getUI();
            // a change queued just before the view left (navigated away, tab closed) finds it detached: nothing to show
            JobFeed.Subscription subscription = feed.watch(instanceId, progress, () -> ui.access(() -> {
                if (view.isAttached()) {
                    refresh.run();
                }
            }));
            view.addDetachListener(detach -> {
                subscription.close();
                detach.unregisterListener();
            });
        });
    }
}
