/* SPDX-License-Identifier: Apache-2.0 */

ALTER TABLE runs ADD external_id VARCHAR(255);
