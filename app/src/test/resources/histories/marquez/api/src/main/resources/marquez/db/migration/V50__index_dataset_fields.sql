/* SPDX-License-Identifier: Apache-2.0 */

create index dataset_fields_dataset_uuid
    on dataset_fields (dataset_uuid);
