/**
 * The job engine: the queue in MariaDB (claimed with FOR UPDATE SKIP LOCKED, caps per hypervisor, storage
 * and instance), the runner of this node with heartbeats and recovery of dead jobs, task logs, and the
 * tenancy-checked service the views call.
 */
package io.holdfast.backup.job;
