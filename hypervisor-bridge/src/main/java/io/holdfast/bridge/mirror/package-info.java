/**
 * Copies committed snapshots from one datastore to another (an offsite copy): only the chunks the
 * destination lacks, each checked against its digest on the way, re-keyed when the two datastores have
 * different keys, and every snapshot committed at the destination only when complete (manifest last).
 */
package io.holdfast.bridge.mirror;
