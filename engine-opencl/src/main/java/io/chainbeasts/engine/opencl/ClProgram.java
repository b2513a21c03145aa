package io.chainbeasts.engine.opencl;

import org.lwjgl.PointerBuffer;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.system.MemoryUtil;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.lwjgl.opencl.CL10.*;

/**
 * A built program on a device, with small helpers to move buffers and launch 1-D kernels. Device
 * buffers use the host's byte order (a transport format between this process and its device, never
 * hashed or stored: canonical encodings stay big-endian).
 */
public final class ClProgram implements AutoCloseable {
    private final ClDevice dev;
    private final long program;
    private final ProgramCache.Built built;
    private final Map<String, Long> kernels = new LinkedHashMap<>();

    private ClProgram(ClDevice dev, ProgramCache.Built built) {
        this.dev = dev;
        this.program = built.program();
        this.built = built;
    }

    public static ClProgram build(ClDevice dev, String source, String options, ProgramCache cache) {
        return new ClProgram(dev, cache.build(dev, source, options));
    }

    public ClDevice device() {
        return dev;
    }

    public ProgramCache.Built built() {
        return built;
    }

    /** A device buffer handle. */
    public record Mem(long id, long bytes) {}

    public static ByteBuffer alloc(long bytes) {
        return MemoryUtil.memAlloc((int) Math.max(1, bytes)).order(ByteOrder.nativeOrder());
    }

    public static void free(ByteBuffer b) {
        MemoryUtil.memFree(b);
    }

    /** A buffer initialised from {@code data} (position 0..limit). */
    public Mem input(ByteBuffer data) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            IntBuffer err = stack.mallocInt(1);
            long id = clCreateBuffer(dev.context, CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, data, err);
            ClDevice.check(err.get(0), "clCreateBuffer(" + data.remaining() + " B)");
            return new Mem(id, data.remaining());
        }
    }

    public Mem output(long bytes) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            IntBuffer err = stack.mallocInt(1);
            long id = clCreateBuffer(dev.context, CL_MEM_READ_WRITE, Math.max(1, bytes), err);
            ClDevice.check(err.get(0), "clCreateBuffer(" + bytes + " B)");
            return new Mem(id, bytes);
        }
    }

    public void read(Mem m, ByteBuffer into) {
        ClDevice.check(clEnqueueReadBuffer(dev.queue, m.id(), true, 0, into, null, null), "clEnqueueReadBuffer");
    }

    public void write(Mem m, ByteBuffer from) {
        ClDevice.check(clEnqueueWriteBuffer(dev.queue, m.id(), true, 0, from, null, null), "clEnqueueWriteBuffer");
    }

    public static void release(Mem... ms) {
        for (Mem m : ms) if (m != null) clReleaseMemObject(m.id());
    }

    public synchronized long kernel(String name) {
        Long k = kernels.get(name);
        if (k != null) return k;
        try (MemoryStack stack = MemoryStack.stackPush()) {
            IntBuffer err = stack.mallocInt(1);
            long id = clCreateKernel(program, name, err);
            ClDevice.check(err.get(0), "clCreateKernel(" + name + ")");
            kernels.put(name, id);
            return id;
        }
    }

    /**
     * Sets the arguments ({@link Mem}, Integer or Long) and runs {@code global} work-items, one per work-group on CPU
     * devices (so work-items spread over all cores and PoCL does not pack divergent ones into one vectorised group),
     * the runtime's choice on GPUs; waits for completion.
     */
    public void run(String kernelName, long global, Object... args) {
        runGroups(kernelName, global, dev.isCpu() ? 1 : 0, args);
    }

    /** As {@link #run}, with work-groups of {@code local} work-items ({@code global} a multiple of it; 0: the runtime picks). */
    public void runGroups(String kernelName, long global, long local, Object... args) {
        long k = kernel(kernelName);
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            int rc;
            if (a instanceof Mem m) rc = clSetKernelArg1p(k, i, m.id());
            else if (a instanceof Integer v) rc = clSetKernelArg1i(k, i, v);
            else if (a instanceof Long v) rc = clSetKernelArg1l(k, i, v);
            else throw new IllegalArgumentException("kernel argument " + i + " has unsupported type " + a);
            ClDevice.check(rc, "clSetKernelArg(" + kernelName + ", " + i + ")");
        }
        try (MemoryStack stack = MemoryStack.stackPush()) {
            PointerBuffer gws = stack.pointers(Math.max(1, global));
            PointerBuffer lws = local > 0 ? stack.pointers(local) : null;
            ClDevice.check(clEnqueueNDRangeKernel(dev.queue, k, 1, null, gws, lws, null, null), "clEnqueueNDRangeKernel(" + kernelName + ")");
        }
        ClDevice.check(clFinish(dev.queue), "clFinish(" + kernelName + ")");
    }

    /** The most work-items one work-group of this kernel may have on the device (CL_KERNEL_WORK_GROUP_SIZE). */
    public long maxGroupSize(String kernelName) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            PointerBuffer size = stack.mallocPointer(1);
            ClDevice.check(clGetKernelWorkGroupInfo(kernel(kernelName), dev.device, CL_KERNEL_WORK_GROUP_SIZE, size, null),
                    "clGetKernelWorkGroupInfo(" + kernelName + ")");
            return size.get(0);
        }
    }

    @Override
    public synchronized void close() {
        for (long k : kernels.values()) clReleaseKernel(k);
        kernels.clear();
        clReleaseProgram(program);
    }
}
