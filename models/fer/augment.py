"""Batch augmentation on tensors (cheaper than per-image PIL work on a 2-core machine)."""
from __future__ import annotations

import math

import torch
import torch.nn.functional as F


def augment(x: torch.Tensor, generator: torch.Generator, *, max_rotate_deg: float = 12.0,
            max_scale: float = 0.12, max_shift: float = 0.1, erase_prob: float = 0.4) -> torch.Tensor:
    """Random flip, rotation, scale, shift, brightness/contrast and erasing; x is [N,1,H,W] in [0,1]."""
    n, _, h, w = x.shape
    device = x.device  # the generator must live on the same device (CPU here, CUDA on a GPU box)
    rand = lambda *shape: torch.rand(*shape, generator=generator, device=device)  # noqa: E731
    angle = (rand(n) * 2 - 1) * math.radians(max_rotate_deg)
    scale = 1 + (rand(n) * 2 - 1) * max_scale
    flip = torch.where(rand(n) < 0.5, -1.0, 1.0)
    cos, sin = torch.cos(angle) / scale, torch.sin(angle) / scale
    theta = torch.zeros(n, 2, 3, device=device)
    theta[:, 0, 0] = cos * flip
    theta[:, 0, 1] = -sin
    theta[:, 1, 0] = sin * flip
    theta[:, 1, 1] = cos
    theta[:, :, 2] = (rand(n, 2) * 2 - 1) * max_shift * 2  # grid units span 2 per image side
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)
    x = F.grid_sample(x, grid, mode="bilinear", padding_mode="border", align_corners=False)

    mean = x.mean(dim=(1, 2, 3), keepdim=True)
    contrast = 1 + (rand(n, 1, 1, 1) * 2 - 1) * 0.25
    brightness = (rand(n, 1, 1, 1) * 2 - 1) * 0.1
    x = ((x - mean) * contrast + mean + brightness).clamp(0, 1)

    if erase_prob > 0:
        side = (rand(n) * 0.25 + 0.15) * h  # 15-40% of a side
        cy, cx = rand(n) * h, rand(n) * w
        ys = torch.arange(h, device=device).view(1, h, 1).float()
        xs = torch.arange(w, device=device).view(1, 1, w).float()
        box = ((ys - cy.view(n, 1, 1)).abs() < side.view(n, 1, 1) / 2) & \
              ((xs - cx.view(n, 1, 1)).abs() < side.view(n, 1, 1) / 2)
        box &= (rand(n) < erase_prob).view(n, 1, 1)
        x = torch.where(box.unsqueeze(1), rand(n, 1, 1, 1).expand_as(x), x)
    return x
