package io.holdfast.bridge.remote;

import org.apache.commons.vfs2.FileName;
import org.apache.commons.vfs2.FileObject;
import org.apache.commons.vfs2.FileSystemException;
import org.apache.commons.vfs2.FileType;
import org.apache.commons.vfs2.NameScope;
import org.apache.commons.vfs2.provider.AbstractFileName;
import org.apache.commons.vfs2.provider.AbstractFileObject;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An object or a key prefix ("folder") in a bucket. A listing fills in each child's type, size and time
 * from the one LIST response, so listing a folder of N objects costs N/1000 requests, not N HEADs.
 */
final class S3FileObject extends AbstractFileObject<S3FileProvider.S3FileSystem> {

    private FileType type;
    private long size;
    private long lastModified;

    S3FileObject(AbstractFileName name, S3FileProvider.S3FileSystem fs) {
        super(name, fs);
    }

    private String key() {
        String path = getName().getPath();
        return path.startsWith("/") ? path.substring(1) : path;
    }

    private String folderPrefix() {
        String key = key();
        return key.isEmpty() ? "" : key + "/";
    }

    private S3FileProvider.S3FileSystem fs() {
        return getAbstractFileSystem();
    }

    /** What a listing already knows, so attaching needs no request. */
    private void known(FileType type, long size, long lastModified) {
        this.type = type;
        this.size = size;
        this.lastModified = lastModified;
    }

    @Override
    protected void doAttach() throws IOException {
        if (type != null) {
            return;
        }
        if (key().isEmpty()) {
            known(FileType.FOLDER, 0, 0);
            return;
        }
        try {
            HeadObjectResponse head = fs().client.headObject(b -> b.bucket(fs().bucket).key(key()));
            known(FileType.FILE, head.contentLength(), head.lastModified().toEpochMilli());
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                known(isPrefix() ? FileType.FOLDER : FileType.IMAGINARY, 0, 0);
            } else {
                throw S3Errors.io(e);
            }
        } catch (SdkException e) {
            throw S3Errors.io(e);
        }
    }

    private boolean isPrefix() throws IOException {
        try {
            return fs().client.listObjectsV2(b -> b.bucket(fs().bucket).prefix(folderPrefix()).maxKeys(1)).keyCount() > 0;
        } catch (SdkException e) {
            throw S3Errors.io(e);
        }
    }

    @Override
    protected void doDetach() {
        type = null;
    }

    @Override
    protected FileType doGetType() {
        return type;
    }

    @Override
    protected long doGetContentSize() {
        return size;
    }

    @Override
    protected long doGetLastModifiedTime() {
        return lastModified;
    }

    /** S3 cannot set a time: copying the object onto itself (server side, no data moves) makes it now. */
    @Override
    protected boolean doSetLastModifiedTime(long ignoredMillis) throws IOException {
        try {
            fs().client.copyObject(b -> b.sourceBucket(fs().bucket).sourceKey(key())
                    .destinationBucket(fs().bucket).destinationKey(key())
                    .metadataDirective(MetadataDirective.REPLACE).metadata(Map.of("touched", Long.toString(System.currentTimeMillis()))));
            return true;
        } catch (SdkException e) {
            throw objectFailure(e);
        }
    }

    /** A missing key as the "not found" VFS and {@link RemoteFailures} know; anything else as {@link S3Errors} says. */
    private IOException objectFailure(SdkException e) {
        if (e instanceof S3Exception s3 && s3.statusCode() == 404) {
            return new FileNotFoundException("no such file: " + key());
        }
        return S3Errors.io(e);
    }

    @Override
    protected String[] doListChildren() throws IOException {
        FileObject[] children = doListChildrenResolved();
        String[] names = new String[children.length];
        for (int i = 0; i < children.length; i++) {
            names[i] = children[i].getName().getBaseName();
        }
        return names;
    }

    @Override
    protected FileObject[] doListChildrenResolved() throws IOException {
        String prefix = folderPrefix();
        List<FileObject> children = new ArrayList<>();
        String token = null;
        try {
            do {
                ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(fs().bucket).prefix(prefix).delimiter("/");
                if (token != null) {
                    request.continuationToken(token);
                }
                ListObjectsV2Response page = fs().client.listObjectsV2(request.build());
                for (CommonPrefix p : page.commonPrefixes()) {
                    String name = p.prefix().substring(prefix.length(), p.prefix().length() - 1);
                    if (!name.isEmpty()) {
                        S3FileObject child = child(name);
                        child.known(FileType.FOLDER, 0, 0);
                        children.add(child);
                    }
                }
                for (S3Object o : page.contents()) {
                    String name = o.key().substring(prefix.length());
                    if (!name.isEmpty() && !name.contains("/")) {
                        S3FileObject child = child(name);
                        child.known(FileType.FILE, o.size(), o.lastModified().toEpochMilli());
                        children.add(child);
                    }
                }
                token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
            } while (token != null);
        } catch (SdkException e) {
            throw S3Errors.io(e);
        }
        return children.toArray(FileObject[]::new);
    }

    private S3FileObject child(String name) throws IOException {
        FileName childName = getFileSystem().getFileSystemManager().resolveName(getName(), name, NameScope.CHILD);
        return (S3FileObject) fs().resolveFile(childName);
    }

    @Override
    protected InputStream doGetInputStream(int bufferSize) throws IOException {
        try {
            return fs().client.getObject(b -> b.bucket(fs().bucket).key(key()));
        } catch (SdkException e) {
            throw objectFailure(e);
        }
    }

    /**
     * Writes without asking first: VFS would look up the key and its parent "folder" (two requests each)
     * to create folders S3 does not have. The upload itself is atomic.
     */
    @Override
    public OutputStream getOutputStream(boolean append) throws FileSystemException {
        if (append) {
            throw new FileSystemException("vfs.provider/write-append-not-supported.error", getName());
        }
        return doGetOutputStream(false); // VFS's content wrapper calls endOutput() when it is closed
    }

    /** After an upload the object's attributes are simply forgotten (no HEAD to learn what we just wrote). */
    @Override
    protected void endOutput() throws FileSystemException {
        refresh();
    }

    @Override
    protected OutputStream doGetOutputStream(boolean append) {
        return new S3UploadStream(fs().client, fs().bucket, key(), S3FileProvider.PART_SIZE);
    }

    @Override
    protected void doDelete() throws IOException {
        if (type != FileType.FILE) {
            return; // a prefix disappears with its last object
        }
        try {
            fs().client.deleteObject(b -> b.bucket(fs().bucket).key(key()));
        } catch (SdkException e) {
            throw S3Errors.io(e);
        }
    }

    @Override
    protected void doCreateFolder() {
        // prefixes need no marker object: a folder exists once something is written below it
    }
}
