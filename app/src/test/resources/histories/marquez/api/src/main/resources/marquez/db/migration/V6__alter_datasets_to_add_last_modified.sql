/* SPDX-License-Identifier: Apache-2.0 */

ALTER TABLE datasets ADD last_modified TIMESTAMP;
