package io.holdfast.backup.api;

import io.holdfast.backup.job.JobException;
import io.holdfast.backup.mirror.MirrorException;
import io.holdfast.backup.policy.PolicyException;
import io.holdfast.backup.sequence.SequenceException;
import io.holdfast.backup.storage.StorageException;
import io.holdfast.plugin.api.rest.RestHandler;
import io.holdfast.plugin.api.rest.RestProblem;

/** The services' refusals as problem details, classified where they were raised (never by their text). */
final class ApiErrors {

    private ApiErrors() {
    }

    static RestHandler guarded(RestHandler handler) {
        return request -> {
            try {
                return handler.handle(request);
            } catch (JobException e) {
                throw new RestProblem(switch (e.reason()) {
                    case NOT_FOUND -> 404;
                    case FORBIDDEN -> 403;
                    case INVALID -> 400;
                    case REFUSED -> 409;
                }, null, e.getMessage());
            } catch (PolicyException e) {
                throw new RestProblem(e.isNotFound() ? 404 : 409, null, e.getMessage());
            } catch (MirrorException e) {
                throw new RestProblem(e.isNotFound() ? 404 : 409, null, e.getMessage());
            } catch (SequenceException e) {
                throw new RestProblem(e.isNotFound() ? 404 : 409, null, e.getMessage());
            } catch (StorageException e) {
                throw new RestProblem(e.fields().isEmpty() ? 409 : 400, e.fields().isEmpty() ? null : e.fields().getFirst().field(),
                        e.getMessage());
            }
        };
    }
}
