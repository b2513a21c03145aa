package io.chainbeasts.engine.opencl;

import org.lwjgl.PointerBuffer;
import org.lwjgl.opencl.CL10;
import org.lwjgl.system.Configuration;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.system.MemoryUtil;

import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.lwjgl.opencl.CL10.*;

/**
 * One OpenCL device with its context and in-order queue, opened through LWJGL. Prefers a GPU,
 * then any device (PoCL answers -1 to a GPU query: ask for ALL). Every LWJGL failure mode (no
 * library: UnsatisfiedLinkError / NoClassDefFoundError; no ICD: clGetPlatformIDs -1001; no device)
 * becomes an {@link OpenClUnavailableException} with a one-line reason.
 */
public final class ClDevice implements AutoCloseable {
    public final long platform;
    public final long device;
    public final long context;
    public final long queue;
    public final String platformName;
    public final String deviceName;
    public final String deviceVersion;
    public final String driverVersion;
    public final int computeUnits;
    public final long type;

    private ClDevice(long platform, long device, long context, long queue, int computeUnits) {
        this.platform = platform;
        this.device = device;
        this.context = context;
        this.queue = queue;
        this.platformName = platformInfo(platform, CL_PLATFORM_NAME);
        this.deviceName = deviceInfo(device, CL_DEVICE_NAME);
        this.deviceVersion = deviceInfo(device, CL_DEVICE_VERSION);
        this.driverVersion = deviceInfo(device, CL_DRIVER_VERSION);
        this.computeUnits = computeUnits;
        try (MemoryStack stack = MemoryStack.stackPush()) {
            java.nio.LongBuffer t = stack.mallocLong(1);
            clGetDeviceInfo(device, CL_DEVICE_TYPE, t, null);
            this.type = t.get(0);
        }
    }

    public boolean isCpu() {
        return (type & CL_DEVICE_TYPE_CPU) != 0;
    }

    /**
     * LWJGL loads the unversioned libOpenCL.so, which only the -dev package provides; when it is
     * missing but the ICD loader's libOpenCL.so.1 is there, point LWJGL at the latter. An explicit
     * -Dorg.lwjgl.opencl.libname wins.
     */
    static void configureLibraryName() {
        if (System.getProperty("org.lwjgl.opencl.libname") != null) return;
        List<Path> dirs = new ArrayList<>();
        String ld = System.getenv("LD_LIBRARY_PATH");
        if (ld != null) for (String d : ld.split(":")) if (!d.isEmpty()) dirs.add(Path.of(d));
        for (String d : new String[] {"/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib", "/usr/local/lib"}) {
            dirs.add(Path.of(d));
        }
        boolean plain = false;
        boolean so1 = false;
        for (Path d : dirs) {
            plain |= Files.exists(d.resolve("libOpenCL.so"));
            so1 |= Files.exists(d.resolve("libOpenCL.so.1"));
        }
        if (!plain && so1) Configuration.OPENCL_LIBRARY_NAME.set("libOpenCL.so.1");
    }

    public static ClDevice open() {
        configureLibraryName();
        try {
            return openUnchecked();
        } catch (UnsatisfiedLinkError | NoClassDefFoundError | ExceptionInInitializerError e) {
            throw new OpenClUnavailableException("no OpenCL library (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
    }

    private static ClDevice openUnchecked() {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            IntBuffer n = stack.mallocInt(1);
            int err = clGetPlatformIDs(null, n);
            if (err != CL_SUCCESS || n.get(0) == 0) {
                throw new OpenClUnavailableException("no OpenCL platform (clGetPlatformIDs returned " + err
                        + (err == -1001 ? ": the ICD loader found no installed driver" : "") + ")");
            }
            PointerBuffer platforms = stack.mallocPointer(n.get(0));
            check(clGetPlatformIDs(platforms, (IntBuffer) null), "clGetPlatformIDs");
            long bestPlatform = 0;
            long bestDevice = 0;
            for (long type : new long[] {CL_DEVICE_TYPE_GPU, CL_DEVICE_TYPE_ALL}) {
                for (int p = 0; p < platforms.capacity() && bestDevice == 0; p++) {
                    IntBuffer nd = stack.mallocInt(1);
                    if (clGetDeviceIDs(platforms.get(p), type, null, nd) != CL_SUCCESS || nd.get(0) == 0) continue;
                    PointerBuffer devs = stack.mallocPointer(nd.get(0));
                    if (clGetDeviceIDs(platforms.get(p), type, devs, (IntBuffer) null) != CL_SUCCESS) continue;
                    bestPlatform = platforms.get(p);
                    bestDevice = devs.get(0);
                }
                if (bestDevice != 0) break;
            }
            if (bestDevice == 0) throw new OpenClUnavailableException("no OpenCL device on " + platforms.capacity() + " platform(s)");
            IntBuffer errRet = stack.mallocInt(1);
            PointerBuffer props = stack.mallocPointer(3).put(CL_CONTEXT_PLATFORM).put(bestPlatform).put(0).flip();
            long ctx = clCreateContext(props, bestDevice, null, 0, errRet);
            check(errRet.get(0), "clCreateContext");
            long q = clCreateCommandQueue(ctx, bestDevice, 0, errRet);
            check(errRet.get(0), "clCreateCommandQueue");
            IntBuffer cu = stack.mallocInt(1);
            clGetDeviceInfo(bestDevice, CL_DEVICE_MAX_COMPUTE_UNITS, cu, null);
            return new ClDevice(bestPlatform, bestDevice, ctx, q, cu.get(0));
        }
    }

    /** What identifies compiled code for this device in the program cache. */
    public String identity() {
        return platformName + " | " + deviceName + " | " + deviceVersion + " | " + driverVersion;
    }

    public String describe() {
        return deviceName + " (" + platformName + ", " + deviceVersion.trim() + ", " + computeUnits + " compute units)";
    }

    static void check(int err, String what) {
        if (err != CL_SUCCESS) throw new IllegalStateException("OpenCL " + what + " failed with error " + err);
    }

    static String platformInfo(long platform, int param) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            PointerBuffer size = stack.mallocPointer(1);
            check(clGetPlatformInfo(platform, param, (ByteBuffer) null, size), "clGetPlatformInfo");
            ByteBuffer buf = stack.malloc((int) size.get(0));
            check(clGetPlatformInfo(platform, param, buf, null), "clGetPlatformInfo");
            return cString(buf);
        }
    }

    static String deviceInfo(long device, int param) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            PointerBuffer size = stack.mallocPointer(1);
            check(clGetDeviceInfo(device, param, (ByteBuffer) null, size), "clGetDeviceInfo");
            ByteBuffer buf = stack.malloc((int) size.get(0));
            check(clGetDeviceInfo(device, param, buf, null), "clGetDeviceInfo");
            return cString(buf);
        }
    }

    static String cString(ByteBuffer buf) {
        byte[] b = new byte[buf.remaining()];
        buf.get(b);
        int len = 0;
        while (len < b.length && b[len] != 0) len++;
        return new String(b, 0, len, StandardCharsets.UTF_8);
    }

    /** The build log of a program on this device. */
    public String buildLog(long program) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            PointerBuffer size = stack.mallocPointer(1);
            clGetProgramBuildInfo(program, device, CL_PROGRAM_BUILD_LOG, (ByteBuffer) null, size);
            ByteBuffer buf = MemoryUtil.memAlloc((int) Math.max(1, size.get(0)));
            try {
                clGetProgramBuildInfo(program, device, CL_PROGRAM_BUILD_LOG, buf, null);
                return cString(buf);
            } finally {
                MemoryUtil.memFree(buf);
            }
        }
    }

    @Override
    public void close() {
        CL10.clReleaseCommandQueue(queue);
        CL10.clReleaseContext(context);
    }
}
